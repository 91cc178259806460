import { h } from '../dom.js';
import { formatDateTime, formatMoney, type Money } from '../money.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import type { OrderSummary, PlacedOrder } from '../types.js';

const PAGE_SIZE = 20;

/** The order just placed, with its lines: the Order query returns only a summary. */
let lastPlaced: PlacedOrder | undefined;

export function rememberPlacedOrder(order: PlacedOrder): void {
  lastPlaced = order;
}

/** The session's orders, newest first, a page at a time. */
export async function renderOrders({ api }: Shop, route: Route): Promise<Node> {
  const after = route.query.get('after') ?? undefined;
  const { orders } = await api<{ orders: { edges: { node: OrderSummary }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>('Orders', {
    first: PAGE_SIZE,
    after,
  });
  const next = orders.pageInfo.hasNextPage && orders.pageInfo.endCursor ? href('/orders', { after: orders.pageInfo.endCursor }) : undefined;
  return h(
    'section',
    {},
    h('h1', {}, 'Your orders'),
    orders.edges.length === 0
      ? h('p', { 'data-testid': 'no-orders' }, 'No orders yet.')
      : h(
          'table',
          { 'data-testid': 'orders' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Order'), h('th', {}, 'Placed'), h('th', {}, 'Status'), h('th', {}, 'Total'))),
          h(
            'tbody',
            {},
            orders.edges.map(({ node }) =>
              h(
                'tr',
                { 'data-testid': 'order-row', 'data-number': node.number },
                h('td', {}, h('a', { href: href(`/orders/${encodeURIComponent(node.id)}`) }, node.number)),
                h('td', {}, formatDateTime(node.createdAt)),
                h('td', {}, statusText(node.status)),
                h('td', {}, formatMoney(node.total)),
              ),
            ),
          ),
        ),
    next ? h('p', {}, h('a', { class: 'button', href: next }, 'Older orders')) : null,
  );
}

/** One order; right after checkout also its lines and totals from the placeOrder answer. */
export async function renderOrder({ api }: Shop, route: Route): Promise<Node> {
  const id = route.segments[1] ?? '';
  const { order } = await api<{ order: { id: string; number: string; status: string; total: Money } | null }>('Order', { id });
  if (!order) return h('p', {}, 'There is no such order in your account.');
  const placed = lastPlaced?.id === order.id ? lastPlaced : undefined;
  return h(
    'section',
    { 'data-testid': 'order' },
    h('h1', {}, `Order ${order.number}`),
    placed ? h('p', { 'data-testid': 'order-confirmation' }, `Thank you! A confirmation goes to ${placed.email}.`) : null,
    h('p', { 'data-testid': 'order-status' }, `Status: ${statusText(order.status)}`),
    placed
      ? h(
          'ul',
          {},
          placed.lines.map((line) => h('li', {}, `${line.quantity} × ${line.variant.sku} at ${formatMoney(line.unitPrice)}`)),
          h('li', {}, `Subtotal ${formatMoney(placed.subtotal)}, shipping ${formatMoney(placed.shippingTotal)}`),
        )
      : null,
    h('p', { class: 'subtotal' }, `Total ${formatMoney(order.total)}`),
    h('p', {}, h('a', { href: href('/orders') }, 'All orders')),
  );
}

const STATUS_TEXT: Record<string, string> = {
  PENDING_PAYMENT: 'Awaiting payment confirmation',
  PAID: 'Paid',
  PAYMENT_FAILED: 'Payment failed',
  FULFILLED: 'Shipped',
  CANCELLED: 'Cancelled',
};

function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status.toLowerCase().replace(/_/g, ' ');
}
