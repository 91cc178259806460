import { describe, expect, it } from 'vitest';
import { addLine, MAX_LINE_QUANTITY, MAX_LINES, newCart, validateQuantity } from '../src/domain/cart-rules.js';
import { ownerOf } from '../src/domain/cart.js';
import { priceCart } from '../src/domain/price-cart.js';

const now = new Date('2026-11-27T10:00:00.000Z');
const usd = (amount: number) => ({ amount, currencyCode: 'USD' });
const owner = ownerOf({ sessionId: 'session-aaaaaaaaaaaaaaaaaa' });

describe('cart rules', () => {
  it.each([0, -1, 2.5, MAX_LINE_QUANTITY + 1, 1e9, Number.NaN])('when the quantity is %s, then it is refused', (quantity) => {
    expect(validateQuantity(quantity)).toMatchObject({ code: 'INVALID_QUANTITY', field: ['quantity'] });
  });

  it.each([1, MAX_LINE_QUANTITY])('when the quantity is %s, then it is accepted', (quantity) => {
    expect(validateQuantity(quantity)).toBeUndefined();
  });

  it('when a signed-in session asks, then the owner is the customer, not the device', () => {
    expect(ownerOf({ sessionId: 's', customerId: 'c1' })).toEqual({ kind: 'customer', customerId: 'c1' });
    expect(ownerOf({ sessionId: 's' })).toEqual({ kind: 'session', sessionId: 's' });
  });

  it('when a variant already in the cart is added, then its line grows instead of a second line', () => {
    const first = addLine(newCart(owner, now), { variantId: 'v1', quantity: 2, unitPrice: usd(500) }, now);
    if (!('cart' in first)) throw new Error('expected a cart');
    const second = addLine(first.cart, { variantId: 'v1', quantity: 3, unitPrice: usd(450) }, now);
    if (!('cart' in second)) throw new Error('expected a cart');
    expect(second.cart.lines).toHaveLength(1);
    expect(second.cart.lines[0]).toMatchObject({ quantity: 5, unitPriceSnapshot: usd(450) });
    expect(second.cart.lines[0]!.id).toBe(first.cart.lines[0]!.id);
  });

  it('when a line would pass the per-variant limit, then the cart is left as it was', () => {
    const first = addLine(newCart(owner, now), { variantId: 'v1', quantity: MAX_LINE_QUANTITY, unitPrice: usd(1) }, now);
    if (!('cart' in first)) throw new Error('expected a cart');
    expect(addLine(first.cart, { variantId: 'v1', quantity: 1, unitPrice: usd(1) }, now)).toMatchObject({ error: { code: 'INVALID_QUANTITY' } });
  });

  it('when the cart already holds the most lines, then a new variant is refused', () => {
    let cart = newCart(owner, now);
    for (let i = 0; i < MAX_LINES; i++) {
      const outcome = addLine(cart, { variantId: `v${i}`, quantity: 1, unitPrice: usd(1) }, now);
      if (!('cart' in outcome)) throw new Error('expected a cart');
      cart = outcome.cart;
    }
    expect(addLine(cart, { variantId: 'one-more', quantity: 1, unitPrice: usd(1) }, now)).toMatchObject({ error: { code: 'CART_LINE_LIMIT' } });
  });
});

describe('pricing a cart', () => {
  const cart = {
    ...newCart(owner, now),
    lines: [
      { id: 'l1', variantId: 'v1', quantity: 3, unitPriceSnapshot: usd(1999), addedAt: now.toISOString() },
      { id: 'l2', variantId: 'v2', quantity: 1, unitPriceSnapshot: usd(250), addedAt: now.toISOString() },
    ],
  };

  it('when current prices are known, then lines and subtotal use them, in integer minor units', () => {
    const priced = priceCart(cart, new Map([['v1', usd(1799)], ['v2', usd(300)]]));
    expect(priced.lines.map((line) => line.lineTotal.amount)).toEqual([5397, 300]);
    expect(priced.subtotal).toEqual(usd(5697));
    expect(priced.totalQuantity).toBe(4);
  });

  it('when the catalog could not be asked, then the stored prices stand in', () => {
    const priced = priceCart(cart, new Map());
    expect(priced.subtotal).toEqual(usd(1999 * 3 + 250));
  });

  it('when the cart is empty, then the subtotal is zero', () => {
    expect(priceCart(newCart(owner, now), new Map()).subtotal).toEqual(usd(0));
  });
});
