import { formValues, h } from '../dom.js';
import { formatMoney, parsePrice } from '../money.js';
import { href, navigate, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import type { Category } from '../types.js';
import { productGrid } from './product-grid.js';

const PAGE_SIZE = 12;
const SORTS = { TITLE: 'Name', PRICE_ASC: 'Price, low to high', PRICE_DESC: 'Price, high to low', NEWEST: 'Newest' } as const;
/** Price bands of the facet list, in minor units; the last is open-ended. */
const PRICE_BANDS: readonly [number, number | undefined][] = [
  [0, 2_500],
  [2_500, 5_000],
  [5_000, 10_000],
  [10_000, undefined],
];

interface Filter {
  categorySlug?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
}

/**
 * The catalog with its filters. The facet counts are the `totalCount` of a one-product
 * `Browse` per choice: the contract's Browse asks for no `facets`, and the storefront sends
 * nothing else.
 */
export async function renderBrowse({ api }: Shop, route: Route): Promise<Node> {
  const filter = filterFrom(route.query);
  const sort = (route.query.get('sort') ?? 'TITLE') as keyof typeof SORTS;
  const after = route.query.get('after') ?? undefined;
  const browse = (first: number, narrowed: Filter, cursor?: string) =>
    api('Browse', { first, after: cursor, filter: narrowed, sort: sort in SORTS ? sort : 'TITLE' }).then((data) => data.products);

  const [{ categories }, listing] = await Promise.all([api('Categories'), browse(PAGE_SIZE, filter, after)]);
  const selected = findCategory(categories, filter.categorySlug);
  const choices = selected?.children.length ? selected.children : selected ? [] : categories;
  const [categoryCounts, bandCounts] = await Promise.all([
    Promise.all(choices.map((category) => browse(1, { ...filter, categorySlug: category.slug }).then((page) => page.totalCount))),
    Promise.all(PRICE_BANDS.map(([min, max]) => browse(1, { ...filter, minPrice: min, maxPrice: max === undefined ? undefined : max - 1 }).then((page) => page.totalCount))),
  ]);
  const currency = listing.edges[0]?.node.priceRange?.min.currencyCode ?? 'EUR';
  const keep = (changes: Record<string, string | undefined>) => href('/', { ...Object.fromEntries(route.query), after: undefined, ...changes });

  const sidebar = h(
    'aside',
    { class: 'filters', 'data-testid': 'facets' },
    h('h2', {}, 'Categories'),
    selected ? h('p', {}, h('a', { href: keep({ category: undefined }) }, '← All categories')) : null,
    h(
      'ul',
      { 'data-testid': 'category-facets' },
      choices.map((category, index) =>
        h('li', {}, h('a', { href: keep({ category: category.slug }), 'data-testid': 'category-facet', 'data-slug': category.slug }, `${category.name} (${categoryCounts[index] ?? 0})`)),
      ),
    ),
    h('h2', {}, 'Price'),
    h(
      'ul',
      { 'data-testid': 'price-facets' },
      PRICE_BANDS.map(([min, max], index) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: keep({ min: String(min / 100), max: max === undefined ? undefined : String((max - 1) / 100) }) },
            `${formatMoney({ amount: min, currencyCode: currency })}${max === undefined ? ' and up' : ` – ${formatMoney({ amount: max - 1, currencyCode: currency })}`} (${bandCounts[index] ?? 0})`,
          ),
        ),
      ),
    ),
    priceForm(route),
  );

  const next = listing.pageInfo?.hasNextPage && listing.pageInfo.endCursor ? keep({ after: listing.pageInfo.endCursor }) : undefined;
  return h(
    'div',
    { class: 'browse' },
    sidebar,
    h(
      'section',
      { class: 'listing' },
      h('h1', {}, selected?.name ?? 'All products'),
      h(
        'div',
        { class: 'toolbar' },
        h('span', { 'data-testid': 'total-count' }, `${listing.totalCount} products`),
        h(
          'select',
          { 'aria-label': 'Sort by', onchange: (event: Event) => navigate('/', { ...Object.fromEntries(route.query), after: undefined, sort: (event.target as HTMLSelectElement).value }) },
          Object.entries(SORTS).map(([value, label]) => h('option', { value, selected: value === sort }, label)),
        ),
      ),
      listing.edges.length ? productGrid(listing.edges.map((edge) => edge.node)) : h('p', {}, 'No products match these filters.'),
      next ? h('p', {}, h('a', { href: next, class: 'button' }, 'Next page')) : null,
    ),
  );
}

function priceForm(route: Route): HTMLFormElement {
  const input = (name: string, label: string) =>
    h('label', {}, label, h('input', { name, type: 'number', min: 0, step: '0.01', inputmode: 'decimal', value: route.query.get(name) ?? '' }));
  const inStock = h('input', { type: 'checkbox', name: 'inStock', checked: route.query.get('inStock') === '1' });
  return h(
    'form',
    {
      class: 'price-filter',
      'data-testid': 'price-filter',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const { min, max } = formValues(event.target as HTMLFormElement);
        navigate('/', {
          ...Object.fromEntries(route.query),
          after: undefined,
          min,
          max,
          inStock: inStock.checked ? '1' : undefined,
        });
      },
    },
    input('min', 'Min'),
    input('max', 'Max'),
    h('label', { class: 'inline' }, inStock, 'In stock only'),
    h('button', { type: 'submit' }, 'Apply'),
  );
}

function filterFrom(query: URLSearchParams): Filter {
  const filter: Filter = {};
  const category = query.get('category');
  if (category) filter.categorySlug = category;
  const min = parsePrice(query.get('min') ?? undefined);
  const max = parsePrice(query.get('max') ?? undefined);
  if (min !== undefined) filter.minPrice = min;
  if (max !== undefined) filter.maxPrice = max;
  if (query.get('inStock') === '1') filter.inStock = true;
  return filter;
}

/** A category anywhere in the two levels the Categories query returns. */
function findCategory(categories: readonly Category[], slug: string | undefined): Category | undefined {
  if (!slug) return undefined;
  for (const root of categories) {
    if (root.slug === slug) return root;
    const child = root.children.find((candidate) => candidate.slug === slug);
    if (child) return { ...child, children: [] };
  }
  return { id: slug, slug, name: slug, children: [] };
}
