import { append, h, whileBusy } from '../dom.js';
import { formatDateTime, formatMoney } from '../money.js';
import { href } from '../router.js';
import type { Shop } from '../shop.js';
import { activeCart, isPendingOrder, type Cart, type CartLine, type CartPayload, type OrderSummary } from '../types.js';
import { orderPath, orderPaymentPath } from './order-links.js';

/**
 * The cart: change a quantity (conditional on the cart's version), remove a line. While an
 * order of it is being paid (PENDING_ORDER) its lines are shown read-only, never as empty.
 */
export async function renderCart(shop: Shop): Promise<Node> {
  const container = h('section', { class: 'cart', 'data-testid': 'cart' });
  const expiry = h('p', { class: 'muted', 'data-testid': 'cart-expiry' });
  const show = (shown: Cart | null) => {
    const cart = activeCart(shown);
    container.replaceChildren(...cartView(shop, cart, show), cart?.lines.length ? expiry : '');
    // Every change moves the expiry on, so it is read again after each one.
    void showExpiry(shop, expiry);
  };
  const { cart } = await shop.api('Cart');
  if (cart && isPendingOrder(cart)) {
    append(container, pendingCartView(cart, await orderBeingPaid(shop)));
    return container;
  }
  show(cart);
  return container;
}

/** The cart's lines as they are, with why they cannot change and, if it can be found, the order. */
function pendingCartView(cart: Cart, order: OrderSummary | undefined): (Node | null)[] {
  return [
    h('h1', {}, 'Your cart'),
    h(
      'p',
      { class: 'notice', 'data-testid': 'cart-pending' },
      'An order for this cart is being paid. Until the payment ends the cart cannot change; if it is declined or the order cancelled, every line is yours again.',
    ),
    order ? h('p', {}, pendingOrderLink(order)) : null,
    linesTable(
      cart.lines.map((line) =>
        h(
          'tr',
          { 'data-testid': 'cart-line', 'data-sku': line.variant.sku },
          ...lineCells(line),
          h('td', { 'data-testid': 'line-quantity' }, String(line.quantity)),
          h('td', { 'data-testid': 'line-total' }, formatMoney(line.lineTotal)),
          h('td', {}),
        ),
      ),
    ),
    h('p', { class: 'subtotal', 'data-testid': 'subtotal' }, `${cart.totalQuantity} items · Subtotal ${formatMoney(cart.subtotal)}`),
  ];
}

function pendingOrderLink(order: OrderSummary): HTMLElement {
  const waitsForShopper = order.status === 'REQUIRES_ACTION';
  return h(
    'a',
    { class: 'button primary', href: href(waitsForShopper ? orderPaymentPath(order.id) : orderPath(order.id)), 'data-testid': 'pending-order-link' },
    waitsForShopper ? `Confirm the payment of order ${order.number}` : `See order ${order.number}`,
  );
}

/**
 * The signed-in customer's order that holds the cart: the newest one still being paid. The cart
 * does not name it; an anonymous session has no order list, so it gets the message alone.
 */
async function orderBeingPaid(shop: Shop): Promise<OrderSummary | undefined> {
  try {
    const { orders } = await shop.api('Orders', { first: 5 });
    return orders.edges.map((edge) => edge.node).find((order) => order.status === 'REQUIRES_ACTION' || order.status === 'PENDING_PAYMENT');
  } catch {
    // The message stands without the link.
    return undefined;
  }
}

async function showExpiry(shop: Shop, target: HTMLElement): Promise<void> {
  try {
    const { cart } = await shop.api('CartExpiry');
    target.replaceChildren(cart ? `We keep this cart until ${formatDateTime(cart.expiresAt)}; every change keeps it longer.` : '');
  } catch (error) {
    shop.showFailure(error);
  }
}

function cartView(shop: Shop, cart: Cart | null, show: (cart: Cart | null) => void): Node[] {
  if (!cart || cart.lines.length === 0) {
    return [h('h1', {}, 'Your cart'), h('p', { 'data-testid': 'cart-empty' }, 'Your cart is empty. ', h('a', { href: href('/') }, 'Continue shopping'))];
  }
  /** Applies a change's answer; on a version conflict, shows the cart as it is now. */
  const apply = async (payload: CartPayload) => {
    shop.showUserErrors(payload.errors);
    if (payload.errors.some((error) => error.code === 'CART_VERSION_CONFLICT')) show((await shop.api('Cart')).cart);
    else if (payload.cart || payload.errors.length === 0) show(payload.cart);
    await shop.refreshHeader();
  };
  return [
    h('h1', {}, 'Your cart'),
    linesTable(cart.lines.map((line) => lineRow(shop, cart, line, apply))),
    h('p', { class: 'subtotal', 'data-testid': 'subtotal' }, `${cart.totalQuantity} items · Subtotal ${formatMoney(cart.subtotal)}`),
    h('p', {}, h('a', { class: 'button primary', href: href('/checkout'), 'data-testid': 'go-to-checkout' }, 'Check out')),
  ];
}

function lineRow(shop: Shop, cart: Cart, line: CartLine, apply: (payload: CartPayload) => Promise<void>): HTMLElement {
  const quantity = h('input', { type: 'number', name: 'quantity', min: 0, value: line.quantity, 'aria-label': `Quantity of ${line.variant.product.title}` });
  const update: HTMLFormElement = h(
    'form',
    {
      class: 'quantity',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void whileBusy(update, async () => {
          try {
            const variables = { lineId: line.id, quantity: Number(quantity.value), expectedVersion: cart.version };
            await apply((await shop.api('UpdateCartLine', variables)).updateCartLine);
          } catch (error) {
            shop.showFailure(error);
          }
        });
      },
    },
    quantity,
    h('button', { type: 'submit', 'data-testid': 'update-line' }, 'Update'),
  );
  const removeLine = async () => {
    remove.disabled = true;
    try {
      await apply((await shop.api('RemoveCartLine', { lineId: line.id })).removeCartLine);
    } catch (error) {
      shop.showFailure(error);
      remove.disabled = false;
    }
  };
  const remove = h('button', { type: 'button', class: 'link', 'data-testid': 'remove-line', onclick: () => void removeLine() }, 'Remove');
  return h(
    'tr',
    { 'data-testid': 'cart-line', 'data-sku': line.variant.sku },
    ...lineCells(line),
    h('td', {}, update),
    h('td', { 'data-testid': 'line-total' }, formatMoney(line.lineTotal)),
    h('td', {}, remove),
  );
}

function linesTable(rows: HTMLElement[]): HTMLElement {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Item'), h('th', {}, 'Price'), h('th', {}, 'Quantity'), h('th', {}, 'Total'), h('th', {}, h('span', { class: 'sr-only' }, 'Remove')))),
    h('tbody', {}, rows),
  );
}

/** A line's item and price cells. */
function lineCells(line: CartLine): HTMLElement[] {
  return [
    h(
      'td',
      {},
      h('a', { href: href(`/product/${encodeURIComponent(line.variant.product.slug)}`) }, line.variant.product.title),
      h('div', { class: 'muted' }, `${line.variant.title} · ${line.variant.sku}`),
    ),
    h('td', {}, formatMoney(line.unitPrice)),
  ];
}
