import { h } from '../dom.js';
import type { Route } from '../router.js';
import type { Shop } from '../shop.js';
import { productGrid } from './product-grid.js';

const RESULTS = 24;

/** Full-text search, best match first (the contract's Search). */
export async function renderSearch({ api }: Shop, route: Route): Promise<Node> {
  const query = route.query.get('q')?.trim() ?? '';
  if (!query) return h('p', {}, 'Type a word in the search box.');
  const { products } = await api('Search', { query, first: RESULTS });
  return h(
    'section',
    {},
    h('h1', {}, `Search: ${query}`),
    h('p', { 'data-testid': 'total-count' }, `${products.totalCount} ${products.totalCount === 1 ? 'product' : 'products'} found`),
    products.edges.length ? productGrid(products.edges.map((edge) => edge.node)) : h('p', {}, 'Nothing matches. Try another word.'),
  );
}
