import type { Session, UserError } from '@shopgraph/shared';
import type { HoldResult } from '../peers/cart-client.js';
import type { CatalogPrices } from '../peers/catalog-client.js';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import type { PaymentResult } from '../payment/payment-provider.js';
import { buildOrder, orderIdFor, orderSizeProblem, quantitiesByVariant } from './build-order.js';
import { ownerKey, ownerOf, type Order } from './order.js';
import { holdCart, releaseCart } from './order-cart.js';
import { later, type OrderDeps } from './order-deps.js';
import { factOfResult } from './payment-facts.js';
import { idempotencyKeyProblem, inputHash, validatePlaceOrderInput, type PlaceOrderInput } from './place-order-input.js';
import { settlePayment } from './settle-payment.js';
import { chooseShippingAddress } from './shipping-address-choice.js';
import type { SavedAddresses } from '../peers/saved-address-client.js';

export interface PlaceOrderDeps extends OrderDeps {
  catalog: CatalogPrices;
  /** Identity's address book, for an order to a saved address. */
  savedAddresses: SavedAddresses;
  idempotencyTtlSeconds: number;
}

export interface PlaceOrderResult {
  order: Order | null;
  errors: UserError[];
}

const fail = (...errors: UserError[]): PlaceOrderResult => ({ order: null, errors });
const declined = () =>
  fail(checkoutError(CheckoutErrorCode.PAYMENT_DECLINED, 'The payment was declined; nothing was charged. Try another payment method.', ['payment', 'token']));
const inProgress = () => checkoutError(CheckoutErrorCode.ORDER_IN_PROGRESS, 'Another order of this cart is being paid for; retry with its idempotency key.');

/**
 * Reserves stock before it charges, and every step can be replayed: the cart is held for the
 * order (read-only), then the order, its stock and its idempotency record commit together;
 * the charge is keyed by the order id; whatever a crash leaves behind, a replay or the
 * recovery pass finishes. The order id is derived from the owner and the key, so duplicates
 * of one request hold the cart for the same order.
 */
export async function placeOrder(deps: PlaceOrderDeps, session: Session, rawInput: PlaceOrderInput, idempotencyKey: string): Promise<PlaceOrderResult> {
  const keyProblem = idempotencyKeyProblem(idempotencyKey);
  if (keyProblem) return fail(keyProblem);
  // A saved address is resolved to its fields first: the order, and the idempotency key's
  // "same input", are about where the parcel goes, not which id named it.
  const chosen = await chooseShippingAddress(deps, session, rawInput);
  if ('errors' in chosen) return fail(...chosen.errors);
  const validated = validatePlaceOrderInput({ ...rawInput, shippingAddress: chosen.address });
  if ('errors' in validated) return fail(...validated.errors);
  const { input } = validated;
  const owner = ownerOf(session);
  const claim = { ownerKey: ownerKey(owner), key: idempotencyKey, inputHash: inputHash(input) };

  // The idempotency record is read only when something stands in the way: a first attempt
  // costs no read for it (the transaction's condition guards the key), and a replay whose
  // cart is held or checked out by now finds its order here.
  const refuse = async (...errors: UserError[]): Promise<PlaceOrderResult> => {
    const earlier = await deps.orders.findIdempotency(claim.ownerKey, idempotencyKey);
    return earlier ? replay(deps, earlier, claim.inputHash, input.paymentToken) : fail(...errors);
  };

  const orderId = orderIdFor(claim.ownerKey, idempotencyKey);
  // A guest cart hand-over still pending since sign-in is completed first (by cart), so the
  // order holds what the shopper's cart shows.
  const cart = await deps.carts.cartOf(owner, deps.requestId, session.mergeFromSessionId ? { signedInSessionId: session.sessionId, guestSessionId: session.mergeFromSessionId } : undefined);
  if (!cart || cart.lines.length === 0) return refuse(checkoutError(CheckoutErrorCode.CART_EMPTY, 'The cart is empty.'));
  if (cart.status === 'MERGED' || cart.status === 'CHECKED_OUT') {
    return refuse(checkoutError(CheckoutErrorCode.CART_NOT_ACTIVE, `The cart is ${cart.status}; it can no longer be ordered.`));
  }
  // A duplicate of this request may have held the cart already (raising its version): that hold is this order's.
  const heldForThisOrder = cart.status === 'PENDING_ORDER' && cart.heldBy?.orderId === orderId;
  if (input.cartVersion !== undefined && input.cartVersion !== cart.version && !heldForThisOrder) {
    return refuse(checkoutError(CheckoutErrorCode.CART_CHANGED, `The cart is at version ${cart.version} now; review it and try again.`, ['cartVersion']));
  }
  const quantities = quantitiesByVariant(cart.lines);
  const tooLarge = orderSizeProblem(quantities);
  if (tooLarge) return refuse(tooLarge);

  const prices = await deps.catalog.pricesOf([...quantities.keys()], deps.requestId);
  const now = new Date();
  const built = buildOrder({ orderId, owner, cart, quantities, prices, input, now });
  if ('errors' in built) return refuse(...built.errors);
  const order: Order = {
    ...built.order,
    holdExpiresAt: later(now, deps.timing.stockHoldMs),
    recoveryDueAt: later(now, deps.timing.orderPendingTimeoutMs),
  };

  // Held before anything is written: from here the cart is exactly the order's lines, and no
  // line added meanwhile can be closed with it. A cart held by another order is refused.
  const held = await holdCart(deps, order, order.holdExpiresAt!, cart.version);
  if (held === 'not-found') return refuse(checkoutError(CheckoutErrorCode.CART_NOT_ACTIVE, 'The cart is gone; it can no longer be ordered.'));
  if (held === 'version-moved') {
    return refuse(
      cart.status === 'PENDING_ORDER'
        ? inProgress()
        : checkoutError(CheckoutErrorCode.CART_CHANGED, 'The cart changed while the order was being placed; review it and try again.', ['cartVersion']),
    );
  }

  const outcome = await deps.orders.place(order, { ...claim, expiresAt: Math.floor(Date.now() / 1000) + deps.idempotencyTtlSeconds });
  switch (outcome.kind) {
    case 'out-of-stock':
      await giveBackHold(deps, order, held);
      return fail(...outcome.variantIds.map((id) => checkoutError(CheckoutErrorCode.OUT_OF_STOCK, `Not enough stock of variant ${id}.`)));
    case 'cart-held':
      await giveBackHold(deps, order, held);
      return refuse(inProgress());
    case 'order-exists':
      // The key was used for an order so long ago that its record expired.
      await giveBackHold(deps, order, held);
      return fail(checkoutError(CheckoutErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotencyKey was used for an earlier order; use a new key.', ['idempotencyKey']));
    case 'key-taken': {
      // A duplicate of this request committed first (or the key was used for another input).
      const winner = await deps.orders.findIdempotency(claim.ownerKey, idempotencyKey);
      if (!winner) throw new Error('idempotency record vanished after its key was taken');
      return replay(deps, winner, claim.inputHash, input.paymentToken, held);
    }
    case 'placed':
      deps.logger.info({ orderId: order.id, lines: order.lines.length, total: order.total.amount }, 'order placed, stock reserved');
      return pay(deps, order, input.paymentToken);
  }
}

/**
 * The cart this request held goes back when no order of it was written. Only a hold this
 * request took ('held'): an 'already-held' cart is the live order's of the same key.
 */
async function giveBackHold(deps: OrderDeps, order: Order, held: HoldResult): Promise<void> {
  if (held === 'held') await releaseCart(deps, order);
}

/** The same key again: the same order (finishing it if it is young and pending), or a refusal for another input. */
async function replay(deps: PlaceOrderDeps, earlier: { inputHash: string; orderId: string }, hash: string, token: string, held?: HoldResult): Promise<PlaceOrderResult> {
  const order = await deps.orders.get(earlier.orderId);
  if (!order) throw new Error(`idempotency record names a missing order ${earlier.orderId}`);
  // This request held the cart again for an order that has let it go already: give it back.
  if (held === 'held' && (order.status === 'PAYMENT_FAILED' || order.status === 'CANCELLED')) await releaseCart(deps, order);
  if (earlier.inputHash !== hash) {
    return fail(checkoutError(CheckoutErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotencyKey was used for a different order; use a new key.', ['idempotencyKey']));
  }
  // Resume only while no recovery pass can touch the order: charges in flight end before its cut-off.
  const resumable = Date.parse(order.createdAt) + deps.timing.orderPendingTimeoutMs - 2 * deps.timing.paymentTimeoutMs > Date.now();
  if (order.status === 'PENDING_PAYMENT' && resumable) return pay(deps, order, token);
  return answer(order);
}

/**
 * Authorises with automatic capture (keyed by the order id, so a replay never pays twice),
 * then moves the order on the answer. The payment deadline aborts the call; an aborted or
 * failed call leaves the order pending, for a webhook, a replay or recovery's `lookup`.
 */
async function pay(deps: PlaceOrderDeps, order: Order, token: string): Promise<PlaceOrderResult> {
  let result: PaymentResult;
  try {
    result = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) =>
      deps.payments.authorize({ orderId: order.id, amount: order.total, captureMode: 'automatic', paymentToken: token }, signal),
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message, code } }, 'payment outcome unknown; the order stays pending for recovery');
    return answer((await deps.orders.get(order.id)) ?? order);
  }
  const { order: settled, outcome } = await settlePayment(deps, order, factOfResult(result));
  if (outcome !== 'no-change') return answer(settled);
  // Pending at the provider, or settled by another writer (the webhook) first: as it stands now.
  deps.logger.info({ orderId: order.id, payment: result.status }, 'payment not settled by this request; the webhook or recovery settles it');
  return answer((await deps.orders.get(order.id)) ?? settled);
}

function answer(order: Order): PlaceOrderResult {
  if (order.status === 'PAYMENT_FAILED') return declined();
  return { order, errors: [] };
}
