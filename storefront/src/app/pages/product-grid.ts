import { h } from '../dom.js';
import { formatMoney } from '../money.js';
import { href } from '../router.js';
import type { ProductSummary } from '../types.js';

/** Product tiles; the image is shown when it loads, else the tile keeps its initial. */
export function productGrid(products: readonly ProductSummary[]): HTMLElement {
  return h(
    'ul',
    { class: 'grid', 'data-testid': 'product-grid' },
    products.map((product) =>
      h(
        'li',
        { class: 'tile' },
        h(
          'a',
          { href: href(`/product/${encodeURIComponent(product.slug)}`), 'data-testid': 'product-link' },
          h('span', { class: 'thumb', 'aria-hidden': 'true' }, product.title.slice(0, 1)),
          h('span', { class: 'title' }, product.title),
          product.priceRange ? h('span', { class: 'price' }, priceRangeText(product.priceRange)) : null,
        ),
      ),
    ),
  );
}

function priceRangeText({ min, max }: NonNullable<ProductSummary['priceRange']>): string {
  return min.amount === max.amount ? formatMoney(min) : `${formatMoney(min)} – ${formatMoney(max)}`;
}
