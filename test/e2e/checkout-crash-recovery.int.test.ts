import { IMMEDIATE_TEST_TOKENS, TEST_PAYMENT_TOKENS } from '@shopgraph/checkout';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutHelpers, orderInput } from '../support/checkout.js';
import { createCrashPoints, type PlaceOrderStep } from '../../subgraphs/checkout/test/support/crash-points.js';
import { startStack, type TestStack } from '../support/stack.js';

const PENDING_TIMEOUT_MS = 3_000;

describe('crash points and recovery through the gateway', () => {
  let stack: TestStack;
  let h: ReturnType<typeof checkoutHelpers>;
  const crashPoints = createCrashPoints();
  let next = 0;
  const freshVariant = async (stock: number) => {
    const variantId = stack.catalog.variantIds[next++]!;
    await h.setStock(variantId, stock);
    return variantId;
  };
  /** A moment past every pending order's timeout, so a pass need not wait for the clock. */
  const later = () => new Date(Date.now() + PENDING_TIMEOUT_MS + 1_000);

  beforeAll(async () => {
    stack = await startStack({
      products: 12,
      // The provider's webhooks would settle orders too; without them, what is tested is recovery alone (as when checkout was down while they were sent).
      checkoutEnv: { ORDER_PENDING_TIMEOUT_MS: String(PENDING_TIMEOUT_MS), RECOVERY_INTERVAL_MS: '3600000', TEST_PAYMENTS_WEBHOOKS: 'false' },
      checkout: { wrap: crashPoints.wrap },
    });
    h = checkoutHelpers(stack);
  });
  afterAll(() => stack?.stop());

  /** Places an order that "crashes" after `step`; returns the order id left behind. */
  async function crashAfter(step: PlaceOrderStep, variantId: string, token: string = TEST_PAYMENT_TOKENS.success, key = randomUUID()) {
    const web = h.webShopper();
    await h.add(web, variantId, 2);
    crashPoints.arm(step);
    try {
      const answer = await h.place(web, orderInput({}, token), key);
      expect(crashPoints.diedAfter).toBe(step);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      // Another replica takes over.
      crashPoints.revive();
    }
    return { web, key };
  }

  async function orderOfKey(web: ReturnType<typeof h.webShopper>, key: string, token: string = TEST_PAYMENT_TOKENS.success) {
    // After recovery the order is no longer resumable: the replay only answers it.
    const { body } = await h.place(web, orderInput({}, token), key);
    return body.data!.placeOrder!;
  }

  it.each([
    ['order-written', 'CANCELLED', 5, 'ACTIVE', false],
    ['charged', 'PAID', 3, 'CHECKED_OUT', true],
    ['cart-marked', 'PAID', 3, 'CHECKED_OUT', true],
    ['paid-recorded', 'PAID', 3, 'CHECKED_OUT', true],
  ] as const)(
    'when the process dies after %s, then two recovery passes at once leave it %s, stock %i, the cart %s, and a third pass changes nothing',
    async (step, status, stock, cartStatus, charged) => {
      const variantId = await freshVariant(5);
      const chargesBefore = (await h.charged()).size;
      const { web, key } = await crashAfter(step, variantId);
      expect(await h.stockOf(variantId)).toBe(3);

      const [a, b] = await Promise.all([stack.recovery.runOnce(later()), stack.recovery.runOnce(later())]);
      const resolved = a.paid + a.cancelled + a.cartsMarked + b.paid + b.cancelled + b.cartsMarked;
      expect(resolved).toBe(step === 'paid-recorded' ? 0 : 1);
      expect(await h.stockOf(variantId)).toBe(stock);
      expect((await h.charged()).size).toBe(chargesBefore + (charged ? 1 : 0));

      const order = (await orderOfKey(web, key)).order!;
      expect(order.status).toBe(status);
      const stored = await h.storedOrder(order.id);
      expect(await h.storedCartStatus(stored!.cartId)).toMatchObject({ status: cartStatus });
      const third = await stack.recovery.runOnce(later());
      expect(third.examined).toBe(0);
      expect(await h.stockOf(variantId)).toBe(stock);
    },
  );

  it('when the process dies after a decline, before giving the stock back, then recovery marks it PAYMENT_FAILED and gives the stock back once', async () => {
    const variantId = await freshVariant(5);
    const { web, key } = await crashAfter('charged', variantId, TEST_PAYMENT_TOKENS.decline);
    expect(await h.stockOf(variantId)).toBe(3);
    const [a, b] = await Promise.all([stack.recovery.runOnce(later()), stack.recovery.runOnce(later())]);
    expect(a.paymentFailed + b.paymentFailed).toBe(1);
    expect(await h.stockOf(variantId)).toBe(5);
    const replay = await orderOfKey(web, key, TEST_PAYMENT_TOKENS.decline);
    expect(replay.errors.map((e) => e.code)).toEqual(['PAYMENT_DECLINED']);
  });

  it('when the process dies after writing the order and the shopper retries the same key, then the retry finishes it: PAID, one charge', async () => {
    const variantId = await freshVariant(5);
    const { web, key } = await crashAfter('order-written', variantId);
    const resumed = (await h.place(web, orderInput(), key)).body.data!.placeOrder!;
    expect(resumed.order!.status).toBe('PAID');
    expect((await h.charged()).has(resumed.order!.id)).toBe(true);
    expect((await h.place(web, orderInput(), key)).body.data!.placeOrder!.order!.id).toBe(resumed.order!.id);
    expect(await h.stockOf(variantId)).toBe(3);
    expect((await stack.recovery.runOnce(later())).examined).toBe(0);
  });

  it('when the provider errors or times out, then the order waits PENDING_PAYMENT; recovery cancels the uncharged one and pays the charged one', async () => {
    const erroring = await freshVariant(4);
    const timingOut = await freshVariant(4);
    const webError = h.webShopper();
    const webTimeout = h.webShopper();
    await h.add(webError, erroring, 1);
    await h.add(webTimeout, timingOut, 1);
    const failed = (await h.place(webError, orderInput({}, TEST_PAYMENT_TOKENS.error))).body.data!.placeOrder!;
    const timedOut = (await h.place(webTimeout, orderInput({}, TEST_PAYMENT_TOKENS.timeout))).body.data!.placeOrder!;
    expect([failed.order!.status, timedOut.order!.status]).toEqual(['PENDING_PAYMENT', 'PENDING_PAYMENT']);
    expect([await h.stockOf(erroring), await h.stockOf(timingOut)]).toEqual([3, 3]);

    // Control: before the pending timeout, recovery leaves both alone.
    expect((await stack.recovery.runOnce(new Date())).examined).toBe(0);
    const report = await stack.recovery.runOnce(later());
    expect(report).toMatchObject({ paid: 1, cancelled: 1 });
    expect((await h.storedOrder(failed.order!.id))!.status).toBe('CANCELLED');
    expect((await h.storedOrder(timedOut.order!.id))!.status).toBe('PAID');
    expect([await h.stockOf(erroring), await h.stockOf(timingOut)]).toEqual([4, 3]);
  });

  it('when orders, declines, errors and timeouts run at random, then initial stock = remaining + units paid + units held by pending orders, before and after recovery', async () => {
    const variants = [await freshVariant(6), await freshVariant(6), await freshVariant(6)];
    const initial = 18;
    // A fixed seed: the same run every time (mulberry32).
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const tokens = IMMEDIATE_TEST_TOKENS;
    const shoppers = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const web = h.webShopper();
        await h.add(web, variants[Math.floor(random() * 3)]!, 1 + Math.floor(random() * 3));
        if (random() < 0.5) await h.add(web, variants[Math.floor(random() * 3)]!, 1);
        return { web, token: tokens[Math.floor(random() * tokens.length)]! };
      }),
    );
    const answers = await Promise.all(shoppers.map(({ web, token }) => h.place(web, orderInput({}, token))));
    const orderIds = answers.flatMap(({ body }) => (body.data!.placeOrder!.order ? [body.data!.placeOrder!.order.id] : []));

    const conserved = async () => {
      const remaining = (await Promise.all(variants.map((v) => h.stockOf(v)))).reduce((a, b) => a + b, 0);
      const orders = await Promise.all(orderIds.map((id) => h.storedOrder(id)));
      const units = (status: string) =>
        orders.filter((o) => o!.status === status).flatMap((o) => o!.lines).reduce((sum, line) => sum + line.quantity, 0);
      expect(remaining).toBeGreaterThanOrEqual(0);
      expect(remaining + units('PAID') + units('PENDING_PAYMENT')).toBe(initial);
      return { paid: units('PAID'), pending: units('PENDING_PAYMENT') };
    };
    const before = await conserved();
    expect(before.pending).toBeGreaterThan(0);
    await Promise.all([stack.recovery.runOnce(later()), stack.recovery.runOnce(later())]);
    const after = await conserved();
    expect(after.pending).toBe(0);
  });
});
