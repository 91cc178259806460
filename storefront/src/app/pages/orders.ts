import { h } from '../dom.js';
import { formatDateTime, formatMoney } from '../money.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import { orderPath } from './order-links.js';
import { statusText } from './order-text.js';

const PAGE_SIZE = 20;

/** The session's orders, newest first, a page at a time. */
export async function renderOrders({ api }: Shop, route: Route): Promise<Node> {
  const after = route.query.get('after') ?? undefined;
  const { orders } = await api('Orders', {
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
                h('td', {}, h('a', { href: href(orderPath(node.id)) }, node.number)),
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
