import { describe, expect, it } from 'vitest';
import { resolveFulfillmentLines, fulfillmentInputProblems } from '../src/domain/fulfillment-request.js';
import type { Order, Refund } from '../src/domain/order.js';
import { orderLineId } from '../src/domain/order-lines.js';
import { refundableAmount, refundedAmount, statusAfterRefunds } from '../src/domain/order-money.js';
import type { OrderTiming } from '../src/domain/order-deps.js';
import { factOfLookup } from '../src/domain/payment-facts.js';
import { recoveryDueAt } from '../src/domain/recovery-schedule.js';

const usd = (amount: number) => ({ amount, currencyCode: 'USD' });
const at = '2026-12-01T10:00:00.000Z';
const order = (overrides: Partial<Order> = {}): Order => ({
  id: 'ord_rules',
  number: 'SG-1',
  owner: { kind: 'session', sessionId: 's' },
  status: 'PAID',
  email: 'a@example.com',
  shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', countryCode: 'US' },
  shippingMethodId: 'standard',
  lines: [
    { variantId: 'var_a', quantity: 2, unitPrice: usd(1000) },
    { variantId: 'var_b', quantity: 1, unitPrice: usd(500) },
  ],
  subtotal: usd(2500),
  shippingTotal: usd(499),
  total: usd(2999),
  cartId: 'cart_1',
  cartVersion: 1,
  cartMarkedAt: at,
  payment: { reference: 'pay_1', authorized: 2999, captured: 2999 },
  transactions: [],
  fulfillments: [],
  refunds: [],
  revision: 3,
  createdAt: at,
  updatedAt: at,
  ...overrides,
});
const refund = (amount: number, status: Refund['status']): Refund => ({ id: `rf_${amount}_${status}`, amount: usd(amount), reason: 'r', status, requestHash: 'h', requestedAt: at });
const timing: OrderTiming = { paymentTimeoutMs: 1_000, orderPendingTimeoutMs: 60_000, stockHoldMs: 600_000, authorizationHoldMs: 86_400_000, cartHoldMarginMs: 5_000 };

describe('fulfilment lines', () => {
  it('when lines are named by id or variant, then they resolve to the order lines, the same line summed', () => {
    const resolved = resolveFulfillmentLines(order(), [
      { lineId: orderLineId('ord_rules', 0), quantity: 1 },
      { variantId: 'var_a', quantity: 1 },
      { variantId: 'var_b', quantity: 1 },
    ]);
    expect(resolved).toEqual({ lines: [{ lineIndex: 0, quantity: 2 }, { lineIndex: 1, quantity: 1 }] });
  });

  it('when a line is not in the order, then ORDER_LINE_NOT_FOUND names it; another order’s line id is not this order’s', () => {
    const resolved = resolveFulfillmentLines(order(), [{ variantId: 'var_z', quantity: 1 }, { lineId: orderLineId('ord_other', 0), quantity: 1 }, { lineId: 'ord_rules:3', quantity: 1 }]);
    expect('errors' in resolved && resolved.errors.map((e) => [e.code, e.field])).toEqual([
      ['ORDER_LINE_NOT_FOUND', ['lines', '0', 'variantId']],
      ['ORDER_LINE_NOT_FOUND', ['lines', '1', 'lineId']],
      ['ORDER_LINE_NOT_FOUND', ['lines', '2', 'lineId']],
    ]);
  });

  it('when more units are asked than are left to ship, then FULFILLMENT_EXCEEDS_ORDERED; exactly what is left passes', () => {
    const shipped = order({ fulfillments: [{ id: 'ful_1', lines: [{ lineIndex: 0, quantity: 1 }], requestHash: 'h', at }] });
    const over = resolveFulfillmentLines(shipped, [{ variantId: 'var_a', quantity: 2 }]);
    expect('errors' in over && over.errors.map((e) => e.code)).toEqual(['FULFILLMENT_EXCEEDS_ORDERED']);
    expect(resolveFulfillmentLines(shipped, [{ variantId: 'var_a', quantity: 1 }])).toEqual({ lines: [{ lineIndex: 0, quantity: 1 }] });
  });

  it('when a line names neither or both references, or a quantity below 1, or a bad tracking code, then each is its own error', () => {
    expect(fulfillmentInputProblems([], undefined).map((e) => e.code)).toEqual(['INVALID_LINE_REFERENCE']);
    expect(
      fulfillmentInputProblems([{ quantity: 1 }, { lineId: 'x', variantId: 'y', quantity: 1 }, { variantId: 'y', quantity: 0 }], 'x'.repeat(101)).map((e) => [e.code, e.field]),
    ).toEqual([
      ['INVALID_LINE_REFERENCE', ['lines', '0']],
      ['INVALID_LINE_REFERENCE', ['lines', '1']],
      ['INVALID_QUANTITY', ['lines', '2', 'quantity']],
      ['INVALID_TRACKING_CODE', ['trackingCode']],
    ]);
    expect(fulfillmentInputProblems([{ variantId: 'y', quantity: 1 }], '1Z999AA10123456784')).toEqual([]);
  });
});

describe('refund amounts', () => {
  it('when refunds are requested, pending, done or refused, then every one but a refused one holds its amount back', () => {
    const refunded = order({ refunds: [refund(500, 'REQUESTED'), refund(300, 'PENDING'), refund(200, 'SUCCEEDED'), refund(1000, 'FAILED')] });
    expect(refundableAmount(refunded)).toBe(2999 - 1000);
    expect(refundedAmount(refunded)).toBe(500);
  });

  it('when what is refunded reaches what was captured, then REFUNDED; less, PARTIALLY_REFUNDED; a closed order keeps its state', () => {
    expect(statusAfterRefunds(order(), [refund(2999, 'SUCCEEDED')])).toBe('REFUNDED');
    expect(statusAfterRefunds(order({ status: 'FULFILLED' }), [refund(1, 'PENDING')])).toBe('PARTIALLY_REFUNDED');
    expect(statusAfterRefunds(order(), [refund(1, 'REQUESTED')])).toBe('PAID');
    expect(statusAfterRefunds(order({ status: 'CANCELLED' }), [refund(2999, 'SUCCEEDED')])).toBe('CANCELLED');
    expect(statusAfterRefunds(order({ status: 'PAYMENT_FAILED' }), [refund(2999, 'SUCCEEDED')])).toBe('PAYMENT_FAILED');
  });
});

describe('when recovery looks at an order next', () => {
  const now = new Date('2026-12-01T10:05:00.000Z');

  it('when an order waits for the shopper or an admin, then at its hold’s end; a pending payment at the pending timeout', () => {
    const hold = '2026-12-01T10:20:00.000Z';
    expect(recoveryDueAt(order({ status: 'REQUIRES_ACTION', holdExpiresAt: hold }), timing, now)).toBe(hold);
    expect(recoveryDueAt(order({ status: 'AUTHORIZED', holdExpiresAt: hold }), timing, now)).toBe(hold);
    expect(recoveryDueAt(order({ status: 'PENDING_PAYMENT' }), timing, now)).toBe('2026-12-01T10:01:00.000Z');
  });

  it('when a cart is still to close, then at once; when nothing is left, never; a requested refund after its call has ended', () => {
    expect(recoveryDueAt(order({ cartMarkedAt: undefined }), timing, now)).toBe(now.toISOString());
    expect(recoveryDueAt(order({ status: 'AUTHORIZED', cartMarkedAt: undefined, holdExpiresAt: '2026-12-09T00:00:00.000Z' }), timing, now)).toBe(now.toISOString());
    expect(recoveryDueAt(order(), timing, now)).toBeNull();
    expect(recoveryDueAt(order({ status: 'CANCELLED', cartMarkedAt: undefined }), timing, now)).toBeNull();
    expect(recoveryDueAt(order({ status: 'CANCELLED', refunds: [refund(2999, 'REQUESTED')] }), timing, now)).toBe('2026-12-01T10:01:00.000Z');
  });
});

describe("a lookup read as a fact", () => {
  it('when the provider has nothing, a capture, an authorisation or a decline, then the fact says so with its amount or reason', () => {
    const auth = (status: 'succeeded' | 'failed' | 'requires_action') => ({ type: 'authorization' as const, status, amount: usd(2999), providerReference: 'pay_1', ...(status === 'failed' ? { failureReason: 'No.' } : {}) });
    expect(factOfLookup(null, 'USD')).toEqual({ state: 'none' });
    expect(factOfLookup({ paymentReference: 'pay_1', transactions: [auth('succeeded'), { type: 'capture', status: 'succeeded', amount: usd(2000), providerReference: 'ch_1' }] }, 'USD')).toEqual({
      state: 'captured',
      amount: usd(2000),
      reference: 'pay_1',
    });
    expect(factOfLookup({ paymentReference: 'pay_1', transactions: [auth('succeeded')] }, 'USD')).toMatchObject({ state: 'authorized', amount: usd(2999) });
    expect(factOfLookup({ paymentReference: 'pay_1', transactions: [auth('failed')] }, 'USD')).toMatchObject({ state: 'declined', reason: 'No.' });
    expect(factOfLookup({ paymentReference: 'pay_1', transactions: [auth('requires_action')] }, 'USD')).toMatchObject({ state: 'requires_action' });
  });
});
