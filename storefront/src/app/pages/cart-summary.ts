import { h } from '../dom.js';
import { formatMoney } from '../money.js';
import { shownCart, type Cart } from '../types.js';

/** A read-only list of a cart's lines and subtotal (sign-in report, checkout), also while its order is being paid. */
export function cartSummary(shown: Cart | null): HTMLElement {
  const cart = shownCart(shown);
  if (!cart || cart.lines.length === 0) return h('p', { 'data-testid': 'cart-summary' }, 'Your cart is empty.');
  return h(
    'div',
    { class: 'cart-summary', 'data-testid': 'cart-summary' },
    h(
      'ul',
      {},
      cart.lines.map((line) =>
        h(
          'li',
          { 'data-testid': 'summary-line', 'data-sku': line.variant.sku },
          `${line.quantity} × ${line.variant.product.title} (${line.variant.title})`,
          h('span', { class: 'price' }, formatMoney(line.lineTotal)),
        ),
      ),
    ),
    h('p', { class: 'subtotal' }, `${cart.totalQuantity} items, subtotal ${formatMoney(cart.subtotal)}`),
  );
}
