import { h } from '../dom.js';
import { formatDateTime, formatMoney } from '../money.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import type { OrderDetail } from '../types.js';
import { orderPaymentPath } from './order-links.js';
import { cancelControls, canCancel, cancelOrder } from './order-cancel.js';
import { statusText, stepStatusText, transactionTypeText } from './order-text.js';

/** Orders this tab placed (or whose payment it confirmed): their page thanks the shopper. */
const justPlaced = new Set<string>();

export function rememberPlacedOrder(orderId: string): void {
  justPlaced.add(orderId);
}

/** One order: its status, lines with what shipped, payment steps, shipments and refunds; cancel it. */
export async function renderOrder(shop: Shop, route: Route): Promise<Node> {
  const id = route.segments[1] ?? '';
  const { order } = await shop.api('OrderDetail', { id });
  if (!order) return h('p', { 'data-testid': 'no-order' }, 'There is no such order in your account.');
  const container = h('div', {});
  const show = (shown: OrderDetail) =>
    container.replaceChildren(
      orderView(shown, async () => {
        const { order: now, outcome } = await cancelOrder(shop, shown);
        if (outcome) shop.notify(outcome);
        if (now) show(now);
        await shop.refreshHeader();
      }),
    );
  show(order);
  return container;
}

function orderView(order: OrderDetail, cancel: () => Promise<void>): HTMLElement {
  const linesById = new Map(order.lines.map((line) => [line.id, line]));
  return h(
    'section',
    { class: 'order', 'data-testid': 'order', 'data-status': order.status },
    h('h1', {}, `Order ${order.number}`),
    justPlaced.has(order.id) && order.status !== 'REQUIRES_ACTION'
      ? h('p', { 'data-testid': 'order-confirmation' }, `Thank you! A confirmation goes to ${order.email}.`)
      : null,
    h('p', { 'data-testid': 'order-status' }, `Status: ${statusText(order.status)}`),
    h('p', { class: 'muted' }, `Placed ${formatDateTime(order.createdAt)} · last change ${formatDateTime(order.updatedAt)}`),
    statusNote(order),
    h('h2', {}, 'Items'),
    h(
      'table',
      { 'data-testid': 'order-lines' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Item'), h('th', {}, 'Quantity'), h('th', {}, 'Shipped'), h('th', {}, 'Price'), h('th', {}, 'Total'))),
      h(
        'tbody',
        {},
        order.lines.map((line) =>
          h(
            'tr',
            { 'data-testid': 'order-line', 'data-sku': line.variant.sku },
            h('td', {}, line.variant.title, h('div', { class: 'muted' }, line.variant.sku)),
            h('td', {}, String(line.quantity)),
            h('td', { 'data-testid': 'line-shipped' }, `${line.fulfilledQuantity} of ${line.quantity}`),
            h('td', {}, formatMoney(line.unitPrice)),
            h('td', {}, formatMoney({ amount: line.unitPrice.amount * line.quantity, currencyCode: line.unitPrice.currencyCode })),
          ),
        ),
      ),
    ),
    h('p', {}, `Subtotal ${formatMoney(order.subtotal)} · shipping ${formatMoney(order.shippingTotal)}`),
    h('p', { class: 'subtotal', 'data-testid': 'order-total' }, `Total ${formatMoney(order.total)}`),

    h('h2', {}, 'Payment'),
    order.payment
      ? h(
          'p',
          { 'data-testid': 'payment-summary' },
          `Authorised ${formatMoney(order.payment.authorized)} · captured ${formatMoney(order.payment.captured)} · refunded ${formatMoney(order.payment.refunded)}`,
        )
      : null,
    order.payments.length === 0
      ? h('p', { 'data-testid': 'no-payments' }, 'No payment steps yet.')
      : h(
          'table',
          { 'data-testid': 'payments' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'Status'), h('th', {}, 'Amount'), h('th', {}, 'Reference'), h('th', {}, 'When'))),
          h(
            'tbody',
            {},
            order.payments.map((step) =>
              h(
                'tr',
                { 'data-testid': 'payment', 'data-type': step.type, 'data-status': step.status },
                h('td', {}, transactionTypeText(step.type)),
                h('td', {}, stepStatusText(step.status)),
                h('td', {}, formatMoney(step.amount)),
                h('td', { class: 'reference' }, step.reference),
                h('td', {}, formatDateTime(step.createdAt)),
              ),
            ),
          ),
        ),

    h('h2', {}, 'Shipments'),
    order.fulfillments.length === 0
      ? h('p', { 'data-testid': 'no-fulfillments' }, 'Nothing has shipped yet.')
      : h(
          'ul',
          { class: 'shipments' },
          order.fulfillments.map((fulfillment) =>
            h(
              'li',
              { 'data-testid': 'fulfillment', 'data-tracking-code': fulfillment.trackingCode ?? '' },
              `Shipped ${formatDateTime(fulfillment.createdAt)}`,
              fulfillment.trackingCode ? ` · tracking ${fulfillment.trackingCode}` : '',
              ': ',
              fulfillment.lines.map((shipped) => `${shipped.quantity} × ${linesById.get(shipped.line.id)?.variant.sku ?? shipped.line.id}`).join(', '),
            ),
          ),
        ),

    h('h2', {}, 'Refunds'),
    order.refunds.length === 0
      ? h('p', { 'data-testid': 'no-refunds' }, 'No refunds.')
      : h(
          'table',
          { 'data-testid': 'refunds' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Amount'), h('th', {}, 'Reason'), h('th', {}, 'Status'), h('th', {}, 'Asked for'))),
          h(
            'tbody',
            {},
            order.refunds.map((refund) =>
              h(
                'tr',
                { 'data-testid': 'refund', 'data-status': refund.status },
                h('td', {}, formatMoney(refund.amount)),
                h('td', {}, refund.reason),
                h('td', {}, stepStatusText(refund.status)),
                h('td', {}, formatDateTime(refund.createdAt)),
              ),
            ),
          ),
        ),
    canCancel(order) ? cancelControls(order, cancel) : null,
    h('p', {}, h('a', { href: href('/orders') }, 'All orders')),
  );
}

/** What the shopper can do next, or what the shop is waiting for. */
function statusNote(order: OrderDetail): HTMLElement | null {
  const holdUntil = order.holdExpiresAt ? ` We hold the items until ${formatDateTime(order.holdExpiresAt)}.` : '';
  switch (order.status) {
    case 'REQUIRES_ACTION':
      return h(
        'p',
        { class: 'notice' },
        `Your bank asks you to confirm this payment.${holdUntil} `,
        h('a', { href: href(orderPaymentPath(order.id)), 'data-testid': 'confirm-payment-link' }, 'Confirm the payment'),
      );
    case 'PENDING_PAYMENT':
      return h('p', { class: 'notice' }, 'The payment provider has not answered yet; reload this page in a moment to see the outcome. It can be cancelled once the payment is settled.');
    case 'PAYMENT_FAILED':
      return h('p', { class: 'notice notice-error' }, 'The payment was declined; nothing was charged, and the items went back to your ', h('a', { href: href('/cart') }, 'cart'), '.');
    default:
      return null;
  }
}
