import { h } from '../dom.js';
import { formatMoney } from '../money.js';
import type { Shop } from '../shop.js';
import type { OrderDetail } from '../types.js';

/**
 * Whether the shopper may ask to cancel: checkout cancels an order before anything shipped,
 * except while its payment is still being processed (PAYMENT_IN_PROGRESS), which the page says
 * instead. The API decides; this only hides a button that could not work.
 */
export function canCancel(order: OrderDetail): boolean {
  switch (order.status) {
    case 'REQUIRES_ACTION':
    case 'AUTHORIZED':
      return true;
    case 'PAID':
    case 'PARTIALLY_REFUNDED':
      return order.fulfillments.length === 0;
    default:
      return false;
  }
}

/**
 * What a cancellation did, from the order the API answered: the refund it issued (and where
 * that stands) or the authorisation it released, the stock, and the cart of an unpaid order.
 */
export function cancellationOutcome(before: OrderDetail, after: OrderDetail): string {
  const sentences = [`Order ${after.number} is cancelled.`];
  const refunds = after.refunds.filter((refund) => !before.refunds.some((earlier) => earlier.id === refund.id));
  for (const refund of refunds) {
    sentences.push(
      refund.status === 'SUCCEEDED'
        ? `${formatMoney(refund.amount)} has been refunded to your card.`
        : refund.status === 'FAILED'
          ? `The refund of ${formatMoney(refund.amount)} was refused by the payment provider; we will be in touch.`
          : `A refund of ${formatMoney(refund.amount)} is on its way to your card.`,
    );
  }
  if (refunds.length === 0) {
    const released = after.payments.some((step) => step.type === 'VOID' && step.status === 'SUCCEEDED');
    sentences.push(released ? 'Your payment was released: nothing was charged.' : 'Nothing was charged.');
  }
  sentences.push('The items went back into stock.');
  // An unpaid order held its cart; cancelled, it gives every line back. (One that got paid
  // meanwhile was refunded instead, and its cart was closed.)
  if (before.status === 'REQUIRES_ACTION' && refunds.length === 0) sentences.push('Your cart is yours again, with every item.');
  return sentences.join(' ');
}

/**
 * Cancels the order. Answers the order as the API now has it (null when it answered none) and,
 * when it was cancelled, what that did in a sentence; a refusal is shown as it comes.
 */
export async function cancelOrder(shop: Shop, order: OrderDetail): Promise<{ order: OrderDetail | null; outcome?: string }> {
  try {
    const { cancelOrder: payload } = await shop.api('CancelOrder', { id: order.id });
    if (shop.showUserErrors(payload.errors) || !payload.order) {
      // The order moved on meanwhile (shipped, cancelled, being processed): show it as it is.
      return { order: (await shop.api('OrderDetail', { id: order.id })).order };
    }
    return { order: payload.order, outcome: cancellationOutcome(order, payload.order) };
  } catch (error) {
    shop.showFailure(error);
    return { order: null };
  }
}

/** "Cancel order", then a second, explicit yes: a cancellation refunds and cannot be undone. */
export function cancelControls(order: OrderDetail, cancel: () => Promise<void>): HTMLElement {
  const refundable = order.payment ? order.payment.captured.amount - order.payment.refunded.amount : 0;
  const money = refundable > 0 ? `${formatMoney({ amount: refundable, currencyCode: order.total.currencyCode })} is refunded to your card` : 'your payment is released';
  const yes: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-testid': 'confirm-cancel',
      onclick: () => {
        yes.disabled = true;
        void cancel().finally(() => {
          yes.disabled = false;
        });
      },
    },
    'Yes, cancel the order',
  );
  const toggle = (asking: boolean) => {
    confirm.hidden = !asking;
    ask.hidden = asking;
  };
  const confirm = h(
    'div',
    { class: 'confirm', hidden: true, 'data-testid': 'cancel-confirmation' },
    h('p', {}, `Cancel order ${order.number}? If you do, ${money} and the items go back into stock. This cannot be undone.`),
    yes,
    ' ',
    h('button', { type: 'button', onclick: () => toggle(false) }, 'Keep the order'),
  );
  const ask = h('button', { type: 'button', 'data-testid': 'cancel-order', onclick: () => toggle(true) }, 'Cancel order');
  return h('div', { class: 'cancel-order' }, h('h2', {}, 'Changed your mind?'), ask, confirm);
}
