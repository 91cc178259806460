import { h } from '../dom.js';
import { formatDateTime, formatMoney } from '../money.js';
import { href, navigate, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import type { OrderDetail } from '../types.js';
import { cancelOrder } from './order-cancel.js';
import { rememberPlacedOrder } from './order-detail.js';
import { orderPath } from './order-links.js';
import { statusText } from './order-text.js';

/**
 * The 3-D Secure step of an order that answered REQUIRES_ACTION: the shopper confirms with
 * their bank, then the storefront sends ConfirmPayment and shows the order as it ends up.
 *
 * The bank's challenge here is the test provider's: it needs no input and approves every
 * payment whose confirmation is sent (`tok_test_3ds`: requires action, then `confirm`
 * succeeds), so a button stands in for it. A real provider's challenge (Stripe.js
 * `handleNextAction` with `payment.action.clientSecret`, or a redirect to `redirectUrl`) would
 * take its place before the same ConfirmPayment; the storefront offers only test cards.
 */
export async function renderOrderPayment(shop: Shop, route: Route): Promise<Node> {
  const id = route.segments[1] ?? '';
  const { order } = await shop.api('OrderDetail', { id });
  if (!order) return h('p', { 'data-testid': 'no-order' }, 'There is no such order in your account.');
  const container = h('section', { class: 'order-payment' });
  const show = (shown: OrderDetail) => container.replaceChildren(...paymentStep(shop, shown, show));
  show(order);
  return container;
}

function paymentStep(shop: Shop, order: OrderDetail, show: (order: OrderDetail) => void): Node[] {
  const heading = h('h1', {}, 'Confirm your payment');
  if (order.status !== 'REQUIRES_ACTION') {
    return [
      heading,
      h('p', { 'data-testid': 'payment-step-done' }, `Order ${order.number} does not wait for a confirmation (any more): ${statusText(order.status)}. `, h('a', { href: href(orderPath(order.id)) }, 'See the order')),
    ];
  }
  const buttons: HTMLButtonElement[] = [];
  /** Runs one of the step's actions with its buttons disabled, so a double click sends one request. */
  const busy = (work: () => Promise<void>) => async () => {
    for (const button of buttons) button.disabled = true;
    try {
      await work();
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  };
  const approve = busy(async () => {
    try {
      const { confirmPayment } = await shop.api('ConfirmPayment', { orderId: order.id });
      if (!shop.showUserErrors(confirmPayment.errors) && confirmPayment.order) {
        rememberPlacedOrder(order.id);
        navigate(orderPath(order.id));
        return;
      }
      // Declined (the cart is the shopper's again) or cancelled meanwhile: the order as it is now.
      const { order: now } = await shop.api('OrderDetail', { id: order.id });
      if (now) show(now);
    } catch (error) {
      shop.showFailure(error);
    }
  });
  const cancel = busy(async () => {
    const { order: now, outcome } = await cancelOrder(shop, order);
    if (outcome) {
      shop.flash(outcome);
      navigate(orderPath(order.id));
    } else if (now) show(now);
  });
  buttons.push(
    h('button', { type: 'button', class: 'primary', 'data-testid': 'approve-payment', onclick: () => void approve() }, 'Approve the payment'),
    h('button', { type: 'button', class: 'link', 'data-testid': 'cancel-payment', onclick: () => void cancel() }, 'Cancel the order instead'),
  );
  const [approveButton, cancelButton] = buttons;
  return [
    heading,
    h(
      'p',
      { 'data-testid': 'payment-request' },
      `Your bank asks you to confirm the payment of ${formatMoney(order.total)} for order ${order.number}.`,
      order.holdExpiresAt ? ` We hold the items (and your cart) until ${formatDateTime(order.holdExpiresAt)}.` : '',
    ),
    h(
      'div',
      { class: 'test-bank', role: 'group', 'aria-label': 'Test bank', 'data-testid': 'test-bank' },
      h('h2', {}, 'Test bank · 3-D Secure check'),
      h('p', {}, 'This stands in for your bank’s own check. The test payment provider approves every payment confirmed here; no real card is involved.'),
      approveButton,
    ),
    h('p', {}, 'Changed your mind? ', cancelButton, ' Nothing is charged, and your cart is yours again.'),
  ];
}
