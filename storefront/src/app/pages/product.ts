import { formValues, h, whileBusy } from '../dom.js';
import { formatMoney } from '../money.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';

/** One product: its variants with price and stock, and "add to cart". */
export async function renderProduct(shop: Shop, route: Route): Promise<Node> {
  const slug = route.segments[1] ?? '';
  const { product } = await shop.api('ProductPage', { slug });
  if (!product) return h('p', {}, 'This product does not exist (any more).');

  const firstInStock = product.variants.find((variant) => variant.inStock) ?? product.variants[0];
  const quantity = h('input', { type: 'number', name: 'quantity', min: 1, value: 1, required: true, 'aria-label': 'Quantity' });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'add-to-cart',
      'data-testid': 'add-to-cart',
      onsubmit: (event: Event) => {
        event.preventDefault();
        // The variant radios are required and one starts checked, so the form always names one.
        const { variant: variantId = '' } = formValues(form);
        void whileBusy(form, async () => {
          try {
            const { addToCart } = await shop.api('AddToCart', { variantId, quantity: Number(quantity.value) });
            if (!shop.showUserErrors(addToCart.errors)) shop.notify(`Added to your cart: ${product.title}.`);
            await shop.refreshHeader();
          } catch (error) {
            shop.showFailure(error);
          }
        });
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Choose an option'),
      product.variants.map((variant) =>
        h(
          'label',
          { class: 'variant', 'data-testid': 'variant', 'data-sku': variant.sku },
          h('input', { type: 'radio', name: 'variant', value: variant.id, checked: variant === firstInStock, required: true }),
          h('span', { class: 'variant-title' }, variant.title),
          h('span', { class: 'price' }, formatMoney(variant.price)),
          h(
            'span',
            { class: variant.inStock ? 'stock' : 'stock out', 'data-testid': 'stock' },
            variant.inStock ? `${variant.availableQuantity} in stock` : 'Out of stock',
          ),
        ),
      ),
    ),
    h('label', {}, 'Quantity ', quantity),
    h('button', { type: 'submit', class: 'primary' }, 'Add to cart'),
  );

  return h(
    'article',
    { class: 'product', 'data-testid': 'product' },
    h('p', { class: 'crumbs' }, product.categories.map((category) => h('a', { href: href('/', { category: category.slug }) }, category.name))),
    h('h1', {}, product.title),
    h('p', { class: 'description' }, product.description),
    form,
  );
}
