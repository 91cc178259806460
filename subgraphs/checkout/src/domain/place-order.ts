import type { Logger, Session, UserError } from '@shopgraph/shared';
import type { CartClient } from '../clients/cart-client.js';
import type { CatalogPrices } from '../clients/catalog-client.js';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import type { PaymentProvider, PaymentResult } from '../payment/payment-provider.js';
import type { OrderRepository } from '../store/order-repository.js';
import { buildOrder, orderSizeProblem, quantitiesByVariant } from './build-order.js';
import { closeCart } from './settle-order.js';
import { ownerKey, ownerOf, type Order } from './order.js';
import { idempotencyKeyProblem, inputHash, validatePlaceOrderInput, type PlaceOrderInput } from './place-order-input.js';

/** The points between placeOrder's steps; a crash test stops the process at each. */
export type PlaceOrderStep = 'order-written' | 'charged' | 'cart-marked' | 'paid-recorded';

/**
 * Called after each step. Only tests pass one (to simulate a crash by throwing); it is a
 * dependency of the server, never a configuration flag.
 */
export type AfterStep = (step: PlaceOrderStep, order: Order) => void | Promise<void>;

export interface PlaceOrderDeps {
  orders: OrderRepository;
  carts: CartClient;
  catalog: CatalogPrices;
  payments: PaymentProvider;
  logger: Logger;
  requestId: string;
  paymentTimeoutMs: number;
  orderPendingTimeoutMs: number;
  idempotencyTtlSeconds: number;
  afterStep?: AfterStep | undefined;
}

export interface PlaceOrderResult {
  order: Order | null;
  errors: UserError[];
}

const fail = (...errors: UserError[]): PlaceOrderResult => ({ order: null, errors });
const declined = () =>
  fail(checkoutError(CheckoutErrorCode.PAYMENT_DECLINED, 'The payment was declined; nothing was charged. Try another payment method.', ['payment', 'token']));

/**
 * Reserves stock before it charges, and every step can be replayed: the order, its stock and
 * its idempotency record commit together; the charge is keyed by the order id; the cart is
 * marked idempotently; whatever a crash leaves behind, a replay or the recovery pass finishes.
 */
export async function placeOrder(deps: PlaceOrderDeps, session: Session, rawInput: PlaceOrderInput, idempotencyKey: string): Promise<PlaceOrderResult> {
  const keyProblem = idempotencyKeyProblem(idempotencyKey);
  if (keyProblem) return fail(keyProblem);
  const validated = validatePlaceOrderInput(rawInput);
  if ('errors' in validated) return fail(...validated.errors);
  const { input } = validated;
  const owner = ownerOf(session);
  const claim = { ownerKey: ownerKey(owner), key: idempotencyKey, inputHash: inputHash(input) };

  // The idempotency record is read only when something stands in the way: a first attempt
  // costs no read for it (the transaction's condition guards the key), and a replay whose
  // cart is checked out by now finds its order here.
  const refuse = async (...errors: UserError[]): Promise<PlaceOrderResult> => {
    const earlier = await deps.orders.findIdempotency(claim.ownerKey, idempotencyKey);
    return earlier ? replay(deps, earlier, claim.inputHash, input.paymentToken) : fail(...errors);
  };

  const cart = await deps.carts.cartOf(owner, deps.requestId);
  if (!cart || cart.lines.length === 0) return refuse(checkoutError(CheckoutErrorCode.CART_EMPTY, 'The cart is empty.'));
  if (cart.status !== 'ACTIVE') return refuse(checkoutError(CheckoutErrorCode.CART_NOT_ACTIVE, `The cart is ${cart.status}; it can no longer be ordered.`));
  if (input.cartVersion !== undefined && input.cartVersion !== cart.version) {
    return refuse(checkoutError(CheckoutErrorCode.CART_CHANGED, `The cart is at version ${cart.version} now; review it and try again.`, ['cartVersion']));
  }
  const quantities = quantitiesByVariant(cart.lines);
  const tooLarge = orderSizeProblem(quantities);
  if (tooLarge) return refuse(tooLarge);

  const prices = await deps.catalog.pricesOf([...quantities.keys()], deps.requestId);
  const built = buildOrder({ owner, cart, quantities, prices, input, now: new Date() });
  if ('errors' in built) return refuse(...built.errors);
  const { order } = built;

  const outcome = await deps.orders.place(order, { ...claim, expiresAt: Math.floor(Date.now() / 1000) + deps.idempotencyTtlSeconds });
  switch (outcome.kind) {
    case 'out-of-stock':
      return fail(...outcome.variantIds.map((id) => checkoutError(CheckoutErrorCode.OUT_OF_STOCK, `Not enough stock of variant ${id}.`)));
    case 'cart-held':
      return refuse(checkoutError(CheckoutErrorCode.ORDER_IN_PROGRESS, 'Another order of this cart is being paid for; retry with its idempotency key.'));
    case 'key-taken': {
      // A duplicate of this request committed first (or the key was used for another input).
      const winner = await deps.orders.findIdempotency(claim.ownerKey, idempotencyKey);
      if (!winner) throw new Error('idempotency record vanished after its key was taken');
      return replay(deps, winner, claim.inputHash, input.paymentToken);
    }
    case 'placed':
      deps.logger.info({ orderId: order.id, lines: order.lines.length, total: order.total.amount }, 'order placed, stock reserved');
      await deps.afterStep?.('order-written', order);
      return pay(deps, order, input.paymentToken);
  }
}

/** The same key again: the same order (finishing it if it is young and pending), or a refusal for another input. */
async function replay(deps: PlaceOrderDeps, earlier: { inputHash: string; orderId: string }, hash: string, token: string): Promise<PlaceOrderResult> {
  if (earlier.inputHash !== hash) {
    return fail(checkoutError(CheckoutErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotencyKey was used for a different order; use a new key.', ['idempotencyKey']));
  }
  const order = await deps.orders.get(earlier.orderId);
  if (!order) throw new Error(`idempotency record names a missing order ${earlier.orderId}`);
  // Resume only while no recovery pass can touch the order: charges in flight end before its cut-off.
  const resumable = Date.parse(order.createdAt) + deps.orderPendingTimeoutMs - 2 * deps.paymentTimeoutMs > Date.now();
  if (order.status === 'PENDING_PAYMENT' && resumable) return pay(deps, order, token);
  return answer(order);
}

/**
 * Authorises with automatic capture (keyed by the order id, so a replay never pays twice),
 * then settles the order. The payment deadline aborts the call; an aborted or failed call
 * leaves the order pending, for a webhook, a replay or recovery's `lookup` to settle.
 */
async function pay(deps: PlaceOrderDeps, order: Order, token: string): Promise<PlaceOrderResult> {
  let result: PaymentResult;
  try {
    result = await withinPaymentDeadline(deps.paymentTimeoutMs, (signal) =>
      deps.payments.authorize({ orderId: order.id, amount: order.total, captureMode: 'automatic', paymentToken: token }, signal),
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message, code } }, 'payment outcome unknown; the order stays pending for recovery');
    return answer((await deps.orders.get(order.id)) ?? order);
  }
  await deps.afterStep?.('charged', order);
  switch (result.status) {
    case 'declined':
      await deps.orders.release(order, 'PAYMENT_FAILED');
      deps.logger.info({ orderId: order.id }, 'payment declined; stock released');
      return declined();
    case 'captured': {
      // Settled as written unless another writer (the webhook, a duplicate request, recovery) got there first.
      const settled = (await closeCart(deps, order, deps.requestId)) ? { ...order, status: 'PAID' as const } : ((await deps.orders.get(order.id)) ?? order);
      await deps.afterStep?.('paid-recorded', settled);
      return answer(settled);
    }
    default:
      // Pending, or waiting for the shopper (3-D Secure): the order has no state for these yet
      // and stays PENDING_PAYMENT; the provider's webhook or recovery's lookup settles it.
      deps.logger.info({ orderId: order.id, payment: result.status }, 'payment not settled yet; the order stays pending');
      return answer((await deps.orders.get(order.id)) ?? order);
  }
}

function answer(order: Order): PlaceOrderResult {
  if (order.status === 'PAYMENT_FAILED') {
    return declined();
  }
  return { order, errors: [] };
}
