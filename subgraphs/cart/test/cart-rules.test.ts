import { describe, expect, it } from 'vitest';
import { MAX_LINE_QUANTITY, MAX_LINES } from '../src/domain/cart-limits.js';
import { planAdd, planSet, validateQuantity } from '../src/domain/cart-rules.js';
import { priceCart } from '../src/domain/cart-view.js';
import { ownerOf, type Cart, type CartLine } from '../src/domain/cart.js';
import { lineIdOf, parseLineId } from '../src/domain/line-id.js';
import { combine } from '../src/domain/merge-guest-cart.js';

const now = new Date('2026-11-27T10:00:00.000Z');
const usd = (amount: number) => ({ amount, currencyCode: 'USD' });
const owner = ownerOf({ sessionId: 'session-aaaaaaaaaaaaaaaaaa' });

function cartOf(lines: { variantId: string; quantity: number; amount?: number }[]): Cart {
  return {
    id: 'cart_test',
    owner,
    version: 3,
    status: 'ACTIVE',
    lines: lines.map(({ variantId, quantity, amount = 100 }, index) => ({
      id: lineIdOf('cart_test', variantId),
      variantId,
      quantity,
      unitPriceSnapshot: usd(amount),
      addedAt: new Date(now.getTime() - 1000 + index).toISOString(),
    })),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
  };
}

describe('cart quantity rules', () => {
  it.each([0, -1, 2.5, MAX_LINE_QUANTITY + 1, 1e9, Number.NaN])('when an add asks for %s, then it is refused', (quantity) => {
    expect(validateQuantity(quantity)).toMatchObject({ code: 'INVALID_QUANTITY', field: ['quantity'] });
  });

  it.each([1, MAX_LINE_QUANTITY])('when an add asks for %s, then it is accepted', (quantity) => {
    expect(validateQuantity(quantity)).toBeUndefined();
  });

  it('when an update asks for 0, then it is accepted (it removes the line), and -1 still is not', () => {
    expect(validateQuantity(0, { allowZero: true })).toBeUndefined();
    expect(validateQuantity(-1, { allowZero: true })).toMatchObject({ code: 'INVALID_QUANTITY' });
    expect(validateQuantity(0)).toMatchObject({ code: 'INVALID_QUANTITY' });
  });

  it('when a signed-in session asks, then the owner is the customer, not the device', () => {
    expect(ownerOf({ sessionId: 's', customerId: 'c1' })).toEqual({ kind: 'customer', customerId: 'c1' });
    expect(ownerOf({ sessionId: 's' })).toEqual({ kind: 'session', sessionId: 's' });
  });

  it('when an add would take a line past the limit, then it is refused; exactly at the limit it passes', () => {
    expect(planAdd(MAX_LINE_QUANTITY - 1, 1, undefined)).toEqual({ quantity: MAX_LINE_QUANTITY });
    expect(planAdd(MAX_LINE_QUANTITY - 1, 2, undefined)).toMatchObject({ refused: { code: 'INVALID_QUANTITY' } });
  });

  it('when fewer are in stock than asked, then what is in stock is added, with a notice saying how many the line holds', () => {
    expect(planAdd(2, 5, 4)).toMatchObject({ quantity: 4, notice: { code: 'NOT_ENOUGH_STOCK', message: 'Only 4 in stock; the line now holds 4.' } });
    expect(planAdd(2, 2, 4)).toEqual({ quantity: 4 });
  });

  it('when not one more unit is in stock, then nothing is added, and a line above the stock is never cut by an add', () => {
    expect(planAdd(4, 1, 4)).toMatchObject({ refused: { code: 'NOT_ENOUGH_STOCK' } });
    expect(planAdd(6, 1, 4)).toMatchObject({ refused: { code: 'NOT_ENOUGH_STOCK' } });
    expect(planAdd(0, 1, 0)).toMatchObject({ refused: { code: 'NOT_ENOUGH_STOCK' } });
  });

  it('when an update asks for more than the stock, then the line is set to the stock; with none, it is refused', () => {
    expect(planSet(10, 3)).toMatchObject({ quantity: 3, notice: { code: 'NOT_ENOUGH_STOCK' } });
    expect(planSet(3, 3)).toEqual({ quantity: 3 });
    expect(planSet(2, 0)).toMatchObject({ refused: { code: 'NOT_ENOUGH_STOCK' } });
    expect(planSet(7, undefined)).toEqual({ quantity: 7 });
  });
});

describe('line ids', () => {
  it('when an id is made from a cart and a variant, then it reads back as both', () => {
    const id = lineIdOf('cart_Ab-_9', 'var_00003_1');
    expect(id).toMatch(/^line_[A-Za-z0-9_-]+$/);
    expect(parseLineId(id)).toEqual({ cartId: 'cart_Ab-_9', variantId: 'var_00003_1' });
  });

  it.each(['', 'line_', 'line_!!!', 'cart_x', `line_${Buffer.from('no-separator').toString('base64url')}`, `line_${Buffer.from(':v').toString('base64url')}`, `line_${'A'.repeat(500)}`])(
    'when the id is %j, then it names no line',
    (id) => {
      expect(parseLineId(id)).toBeUndefined();
    },
  );

  it('when a valid id is altered but decodes the same, then it names no line', () => {
    expect(parseLineId(`${lineIdOf('cart_a', 'v1')}=`)).toBeUndefined();
  });
});

describe('merging a guest cart', () => {
  const line = (variantId: string, quantity: number): CartLine => ({
    id: lineIdOf('cart_guest', variantId),
    variantId,
    quantity,
    unitPriceSnapshot: usd(100),
    addedAt: now.toISOString(),
  });

  it('when guest A×2, B×1 meet the customer’s A×1, then the customer has A×3 and B×1, and the report says so', () => {
    const { cart, report } = combine(cartOf([{ variantId: 'A', quantity: 1 }]), [line('A', 2), line('B', 1)], undefined, now);
    expect(cart.lines.map((l) => [l.variantId, l.quantity])).toEqual([
      ['A', 3],
      ['B', 1],
    ]);
    expect(report).toEqual({ linesAdded: 1, linesCombined: 1, capped: [] });
  });

  it('when a sum passes the per-line limit, then the line is capped and the report names it', () => {
    const { cart, report } = combine(cartOf([{ variantId: 'A', quantity: MAX_LINE_QUANTITY - 1 }]), [line('A', 5)], undefined, now);
    expect(cart.lines[0]!.quantity).toBe(MAX_LINE_QUANTITY);
    expect(report.capped).toEqual([{ variantId: 'A', requested: 5, kept: 1, reason: 'LINE_QUANTITY_LIMIT' }]);
  });

  it('when the stock is lower, then the line is capped by the stock', () => {
    const { cart, report } = combine(cartOf([]), [line('A', 5)], new Map([['A', 2]]), now);
    expect(cart.lines[0]!.quantity).toBe(2);
    expect(report).toEqual({ linesAdded: 1, linesCombined: 0, capped: [{ variantId: 'A', requested: 5, kept: 2, reason: 'STOCK' }] });
  });

  it('when the customer’s cart is full, then new guest variants are reported and left out', () => {
    const full = cartOf(Array.from({ length: MAX_LINES }, (_, index) => ({ variantId: `v${index}`, quantity: 1 })));
    const { cart, report } = combine(full, [line('v0', 1), line('extra', 2)], undefined, now);
    expect(cart.lines).toHaveLength(MAX_LINES);
    expect(cart.lines[0]!.quantity).toBe(2);
    expect(report).toEqual({ linesAdded: 0, linesCombined: 1, capped: [{ variantId: 'extra', requested: 2, kept: 0, reason: 'CART_LINE_LIMIT' }] });
  });
});

describe('pricing a cart', () => {
  const cart = cartOf([
    { variantId: 'v1', quantity: 3, amount: 1999 },
    { variantId: 'v2', quantity: 1, amount: 250 },
  ]);

  it('when current prices are known, then lines and subtotal use them, in integer minor units', () => {
    const priced = priceCart(cart, new Map([['v1', usd(1799)], ['v2', usd(300)]]));
    expect(priced.lines.map((l) => l.lineTotal.amount)).toEqual([5397, 300]);
    expect(priced.subtotal).toEqual(usd(5697));
    expect(priced.totalQuantity).toBe(4);
    expect(priced.expiresAt).toBe(cart.expiresAt);
  });

  it('when the catalog could not be asked, then the stored prices stand in', () => {
    expect(priceCart(cart, new Map()).subtotal).toEqual(usd(1999 * 3 + 250));
  });

  it('when the cart is empty, then the subtotal is zero', () => {
    expect(priceCart(cartOf([]), new Map()).subtotal).toEqual(usd(0));
  });
});
