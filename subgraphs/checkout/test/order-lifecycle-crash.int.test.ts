import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ownerOf } from '../src/domain/order.js';
import { TEST_PAYMENT_TOKENS } from '../src/payment/test-provider/test-payment-tokens.js';
import { startCheckoutHarness, type CheckoutHarness } from './support/checkout-harness.js';
import { createCrashPoints, type OrderStep } from './support/crash-points.js';
import { orderFlows } from './support/order-operations.js';

/**
 * Each step of an order's life, the process "dies" right after it; then recovery passes with
 * no leader (two at once, then a third) or the client's retry must finish the order, with
 * nothing taken, refunded or given back twice. The provider's webhooks never reach checkout
 * here, as when it was down while they were sent: the provider's lookup tells the truth.
 */
describe('crash points of an order’s life', () => {
  let h: CheckoutHarness;
  let flows: ReturnType<typeof orderFlows>;
  const crashPoints = createCrashPoints();

  beforeAll(async () => {
    h = await startCheckoutHarness('order-lifecycle-crash', { crashPoints });
    flows = orderFlows(h, 'crash');
  });
  afterAll(() => h?.stop());
  beforeEach(() => {
    h.faults.webhooksLost = true;
  });
  afterEach(() => {
    crashPoints.revive();
    Object.assign(h.faults, { webhooksLost: false, authorizeOnly: false });
  });

  /**
   * Runs `step` with the process dying after `at`, then another process takes over. What the
   * dying request answers is not looked at: its client would see the connection drop.
   */
  async function crashing(at: OrderStep, step: () => Promise<unknown>) {
    crashPoints.arm(at);
    await step().catch(() => undefined);
    expect(crashPoints.diedAfter).toBe(at);
    crashPoints.revive();
  }
  /** Two recovery passes at once at `now`, then a third that must change nothing more of `orderId`. */
  async function recoverAt(now: Date, orderId: string) {
    await Promise.all([h.server.recovery.runOnce(now), h.server.recovery.runOnce(now)]);
    const settled = (await h.orders.get(orderId))!;
    await h.server.recovery.runOnce(now);
    expect((await h.orders.get(orderId))!.revision).toBe(settled.revision);
    return settled;
  }
  const afterPendingTimeout = () => new Date(Date.now() + 10_000);
  /** A shopper with a cart of 2 units of a variant of its own (5 in stock). */
  async function cartOrder() {
    const [variantId] = await flows.stocked(1, 5);
    const { session, cart } = flows.shopper([{ variantId: variantId!, quantity: 2 }]);
    return { variantId: variantId!, session, cart };
  }
  const refundsAtProvider = async (orderId: string) => (await flows.ledger(orderId))!.transactions.filter((t) => t.type === 'refund').map((t) => t.amount.amount);

  it('when it dies after holding the cart, then nothing is placed; the same key places the order once', async () => {
    const { variantId, session } = await cartOrder();
    const key = randomUUID();
    await crashing('cart-held', () => flows.place(session, TEST_PAYMENT_TOKENS.success, key));
    expect(h.cart.stored(ownerOf(session))?.status).toBe('PENDING_ORDER');
    expect(await flows.stockOf(variantId)).toBe(5);
    const resumed = await flows.place(session, TEST_PAYMENT_TOKENS.success, key);
    expect(resumed.order?.status).toBe('PAID');
    expect(h.cart.stored(ownerOf(session))?.status).toBe('CHECKED_OUT');
    expect(await flows.stockOf(variantId)).toBe(3);
  });

  it('when it dies after recording REQUIRES_ACTION, then a replay answers the challenge; abandoned, recovery voids it at the hold’s end', async () => {
    const { variantId, session, cart } = await cartOrder();
    const key = randomUUID();
    await crashing('action-recorded', () => flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure, key));
    const replay = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure, key)).order!;
    expect(replay).toMatchObject({ status: 'REQUIRES_ACTION', payment: { action: { clientSecret: expect.any(String) as string } } });
    const settled = await recoverAt(await flows.pastHold(replay.id), replay.id);
    expect(settled.status).toBe('CANCELLED');
    expect(await flows.stockOf(variantId)).toBe(5);
    expect(h.cart.stored(ownerOf(session))).toMatchObject({ status: 'ACTIVE', lines: cart.lines });
  });

  it('when it dies after extending the hold, then recovery waits for the new hold, and the shopper’s retry confirms', async () => {
    const { variantId, session } = await cartOrder();
    const placed = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
    const firstHold = Date.parse(placed.holdExpiresAt!);
    await crashing('hold-extended', () => flows.confirm(session, placed.id));
    const extended = (await h.orders.get(placed.id))!;
    expect(Date.parse(extended.holdExpiresAt!)).toBeGreaterThanOrEqual(firstHold);
    expect((await flows.ledger(placed.id))!.transactions.map((t) => t.status)).toEqual(['requires_action']);
    expect(await flows.stockOf(variantId)).toBe(3);
    expect((await recoverAt(new Date(Date.parse(extended.holdExpiresAt!) - 1_000), placed.id)).status).toBe('REQUIRES_ACTION');
    expect((await flows.confirm(session, placed.id)).order?.status).toBe('PAID');
  });

  it('when it dies after the provider confirmed, and its webhook is lost, then recovery finds the capture at the hold’s end: PAID, the cart closed', async () => {
    const { variantId, session } = await cartOrder();
    const placed = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
    await crashing('confirmed', () => flows.confirm(session, placed.id));
    expect((await h.orders.get(placed.id))!.status).toBe('REQUIRES_ACTION');
    const settled = await recoverAt(await flows.pastHold(placed.id), placed.id);
    expect(settled).toMatchObject({ status: 'PAID', cartMarkedAt: expect.any(String) as string });
    expect(h.cart.stored(ownerOf(session))?.status).toBe('CHECKED_OUT');
    expect(await flows.stockOf(variantId)).toBe(3);
    // The shopper's page, asking again, sees it paid.
    expect((await flows.confirm(session, placed.id)).order?.status).toBe('PAID');
  });

  it('when it dies after the provider captured, then the admin’s retry records it without a second capture', async () => {
    h.faults.authorizeOnly = true;
    const { session } = await cartOrder();
    const placed = (await flows.place(session)).order!;
    expect(placed.status).toBe('AUTHORIZED');
    await crashing('captured', () => flows.capture(placed.id));
    expect((await h.orders.get(placed.id))!.status).toBe('AUTHORIZED');
    expect((await flows.capture(placed.id)).order?.status).toBe('PAID');
    expect((await flows.ledger(placed.id))!.transactions.filter((t) => t.type === 'capture')).toHaveLength(1);
  });

  it('when it dies after the provider captured and nobody retries, then recovery finds the capture once the authorisation hold ends', async () => {
    h.faults.authorizeOnly = true;
    const { variantId, session } = await cartOrder();
    const placed = (await flows.place(session)).order!;
    await crashing('captured', () => flows.capture(placed.id));
    const settled = await recoverAt(await flows.pastHold(placed.id), placed.id);
    expect(settled.status).toBe('PAID');
    expect(await flows.stockOf(variantId)).toBe(3);
  });

  it('when it dies after voiding a cancelled challenge, then recovery cancels it at the hold’s end: stock and cart back, once', async () => {
    const { variantId, session, cart } = await cartOrder();
    const placed = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
    await crashing('voided', () => flows.cancel(session, placed.id));
    expect((await h.orders.get(placed.id))!.status).toBe('REQUIRES_ACTION');
    expect(await flows.stockOf(variantId)).toBe(3);
    const settled = await recoverAt(await flows.pastHold(placed.id), placed.id);
    expect(settled.status).toBe('CANCELLED');
    expect(await flows.stockOf(variantId)).toBe(5);
    expect(h.cart.stored(ownerOf(session))).toMatchObject({ status: 'ACTIVE', lines: cart.lines });
    expect((await flows.cancel(session, placed.id)).order?.status).toBe('CANCELLED');
    expect(await flows.stockOf(variantId)).toBe(5);
  });

  it('when it dies after recording a paid order’s cancellation, then recovery sends its refund once', async () => {
    const { variantId, session } = await cartOrder();
    const placed = (await flows.place(session)).order!;
    await crashing('cancel-recorded', () => flows.cancel(session, placed.id));
    expect((await h.orders.get(placed.id))!).toMatchObject({ status: 'CANCELLED', refunds: [expect.objectContaining({ status: 'REQUESTED' })] });
    expect(await flows.stockOf(variantId)).toBe(5);
    expect(await refundsAtProvider(placed.id)).toEqual([]);
    const settled = await recoverAt(afterPendingTimeout(), placed.id);
    expect(settled).toMatchObject({ status: 'CANCELLED', refunds: [expect.objectContaining({ status: 'SUCCEEDED' })] });
    expect(await refundsAtProvider(placed.id)).toEqual([placed.total.amount]);
    expect(await flows.stockOf(variantId)).toBe(5);
  });

  it.each(['refund-requested', 'refunded'] as const)('when it dies after %s, then recovery settles the refund and the provider refunds once', async (step) => {
    const { session } = await cartOrder();
    const placed = (await flows.place(session)).order!;
    const key = randomUUID();
    await crashing(step, () => flows.refund(placed.id, 1000, key));
    expect((await h.orders.get(placed.id))!).toMatchObject({ status: 'PAID', refunds: [expect.objectContaining({ status: 'REQUESTED' })] });
    const settled = await recoverAt(afterPendingTimeout(), placed.id);
    expect(settled).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunds: [expect.objectContaining({ status: 'SUCCEEDED' })] });
    expect(await refundsAtProvider(placed.id)).toEqual([1000]);
    // The admin's retry under the same key answers the refund made.
    expect((await flows.refund(placed.id, 1000, key)).order?.refunds).toHaveLength(1);
    expect(await refundsAtProvider(placed.id)).toEqual([1000]);
  });

  it('when it dies after giving a declined order’s stock back, then the order is closed and only the cart’s hold is left, to lapse at its end', async () => {
    const { variantId, session } = await cartOrder();
    const key = randomUUID();
    await crashing('released', () => flows.place(session, TEST_PAYMENT_TOKENS.decline, key));
    expect(await flows.stockOf(variantId)).toBe(5);
    const stored = h.cart.stored(ownerOf(session))!;
    expect(stored.status).toBe('PENDING_ORDER');
    const order = (await h.orders.get(stored.heldBy!.orderId))!;
    expect(order).toMatchObject({ status: 'PAYMENT_FAILED' });
    expect(order.recoveryDueAt).toBeUndefined();
    expect(Date.parse(stored.heldBy!.heldUntil)).toBeGreaterThan(Date.parse(order.createdAt));
    expect((await flows.place(session, TEST_PAYMENT_TOKENS.decline, key)).errors.map((e) => e.code)).toEqual(['PAYMENT_DECLINED']);
  });

  it.each([
    ['paid-recorded', TEST_PAYMENT_TOKENS.success, 'PAID'],
    ['authorized-recorded', TEST_PAYMENT_TOKENS.success, 'AUTHORIZED'],
  ] as const)('when it dies after %s, then the order is settled and recovery has nothing due for it', async (step, token, status) => {
    h.faults.authorizeOnly = status === 'AUTHORIZED';
    const { session } = await cartOrder();
    const key = randomUUID();
    await crashing(step, () => flows.place(session, token, key));
    const order = (await flows.place(session, token, key)).order!;
    expect(order.status).toBe(status);
    const stored = (await h.orders.get(order.id))!;
    // Paid: nothing left to do. Authorised: due only when its hold ends, for a capture nobody made.
    expect(stored.recoveryDueAt).toBe(status === 'PAID' ? undefined : stored.holdExpiresAt);
    expect((await recoverAt(afterPendingTimeout(), order.id)).status).toBe(status);
  });

  it.each(['fulfilled', 'refund-recorded'] as const)('when it dies after %s (the last write), then the change stands and a retry answers it', async (step) => {
    const { session } = await cartOrder();
    const placed = (await flows.place(session)).order!;
    const key = randomUUID();
    const act = () => (step === 'fulfilled' ? flows.fulfill(placed.id, [{ lineId: placed.lines[0]!.id, quantity: 1 }], key) : flows.refund(placed.id, 500, key));
    await crashing(step, act);
    const retried = (await act()).order!;
    expect(retried.status).toBe(step === 'fulfilled' ? 'PARTIALLY_FULFILLED' : 'PARTIALLY_REFUNDED');
    expect(step === 'fulfilled' ? retried.fulfillments : retried.refunds).toHaveLength(1);
  });

  it('when orders are left in every unsettled state and their webhooks were lost, then recovery passes with no leader converge each on the provider’s truth, stock conserved', async () => {
    const [variantId] = await flows.stocked(1, 40);
    const placeOne = async (token: string, authorizeOnly = false) => {
      h.faults.authorizeOnly = authorizeOnly;
      const { session } = flows.shopper([{ variantId: variantId!, quantity: 2 }]);
      return { session, order: (await flows.place(session, token)).order! };
    };
    const settledLater = await placeOne(TEST_PAYMENT_TOKENS.async);
    const abandoned = await placeOne(TEST_PAYMENT_TOKENS.threeDSecure);
    const finishedWhileDown = await placeOne(TEST_PAYMENT_TOKENS.threeDSecure);
    const neverCharged = await placeOne(TEST_PAYMENT_TOKENS.error);
    const chargedSilently = await placeOne(TEST_PAYMENT_TOKENS.timeout);
    const neverCaptured = await placeOne(TEST_PAYMENT_TOKENS.success, true);
    // The shopper finished 3-D Secure at the provider; checkout heard nothing of it.
    const reference = (await flows.ledger(finishedWhileDown.order.id))!.paymentReference;
    await h.payments.confirm({ orderId: finishedWhileDown.order.id, paymentReference: reference }, new AbortController().signal);
    await expect.poll(async () => (await flows.ledger(settledLater.order.id))?.transactions.some((t) => t.type === 'capture')).toBe(true);
    expect(await flows.stockOf(variantId!)).toBe(40 - 12);

    // Past every hold, the authorisation's included: a week on.
    const weekOn = new Date(Date.now() + 7 * 24 * 3600_000);
    await Promise.all([h.server.recovery.runOnce(weekOn), h.server.recovery.runOnce(weekOn)]);
    await h.server.recovery.runOnce(weekOn);
    const statuses = await Promise.all([settledLater, abandoned, finishedWhileDown, neverCharged, chargedSilently, neverCaptured].map(async ({ order }) => (await h.orders.get(order.id))!.status));
    expect(statuses).toEqual(['PAID', 'CANCELLED', 'PAID', 'CANCELLED', 'PAID', 'CANCELLED']);
    // Initial stock = what is left + the units of orders that kept their payment.
    expect(await flows.stockOf(variantId!)).toBe(40 - 3 * 2);
    const settledOnes = await Promise.all([settledLater, finishedWhileDown, chargedSilently].map(({ order }) => h.orders.get(order.id)));
    expect(settledOnes.every((order) => order!.recoveryDueAt === undefined && order!.cartMarkedAt !== undefined)).toBe(true);
  });
});
