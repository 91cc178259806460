import { describe, expect, it } from 'vitest';
import { decodeOrderCursor, encodeOrderCursor } from '../src/domain/order-cursor.js';
import { quantitiesByVariant } from '../src/domain/build-order.js';
import { idempotencyKeyProblem, inputHash, validatePlaceOrderInput, type AddressedPlaceOrderInput } from '../src/domain/place-order-input.js';

const good: AddressedPlaceOrderInput = {
  email: 'ada@example.com',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1 9GU', countryCode: 'gb' },
  shippingMethodId: 'standard',
  payment: { token: 'tok_test_success' },
};

describe('placeOrder input rules', () => {
  it('when the input is good, then it is accepted, trimmed and the country upper-cased', () => {
    const result = validatePlaceOrderInput({ ...good, email: '  ada@example.com ' });
    expect(result).toMatchObject({ input: { email: 'ada@example.com', shippingAddress: { countryCode: 'GB' }, shippingMethod: { id: 'standard' } } });
  });

  it.each([
    ['ada@', ['email']],
    ['ada@example', ['email']],
    ['a b@example.com', ['email']],
  ])('when the email is %j, then INVALID_EMAIL names %j', (email, field) => {
    expect(validatePlaceOrderInput({ ...good, email })).toEqual({ errors: [expect.objectContaining({ code: 'INVALID_EMAIL', field })] });
  });

  it('when the method does not serve the country, then COUNTRY_NOT_SERVED; an unknown country is INVALID_ADDRESS instead', () => {
    expect(validatePlaceOrderInput({ ...good, shippingMethodId: 'express' })).toEqual({
      errors: [expect.objectContaining({ code: 'COUNTRY_NOT_SERVED', field: ['shippingAddress', 'countryCode'] })],
    });
    expect(validatePlaceOrderInput({ ...good, shippingMethodId: 'express', shippingAddress: { ...good.shippingAddress, countryCode: 'XX' } })).toEqual({
      errors: [expect.objectContaining({ code: 'INVALID_ADDRESS', field: ['shippingAddress', 'countryCode'] })],
    });
  });

  it('when a field is over its limit, then INVALID_ADDRESS names it', () => {
    const long = validatePlaceOrderInput({ ...good, shippingAddress: { ...good.shippingAddress, line2: 'x'.repeat(201) } });
    expect(long).toEqual({ errors: [expect.objectContaining({ code: 'INVALID_ADDRESS', field: ['shippingAddress', 'line2'] })] });
  });

  it('when the key is empty or over 255 characters, then INVALID_IDEMPOTENCY_KEY; 255 is fine', () => {
    expect(idempotencyKeyProblem('')?.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(idempotencyKeyProblem('k'.repeat(256))?.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(idempotencyKeyProblem('k'.repeat(255))).toBeUndefined();
  });

  it('when two inputs differ in any field, then their hashes differ; the same input hashes the same', () => {
    const hash = (input: AddressedPlaceOrderInput) => {
      const valid = validatePlaceOrderInput(input);
      if (!('input' in valid)) throw new Error('invalid');
      return inputHash(valid.input);
    };
    expect(hash(good)).toBe(hash({ ...good }));
    expect(hash({ ...good, payment: { token: 'tok_other' } })).not.toBe(hash(good));
    expect(hash({ ...good, cartVersion: 3 })).not.toBe(hash(good));
    expect(hash({ ...good, shippingAddress: { ...good.shippingAddress, line2: 'Flat 2' } })).not.toBe(hash(good));
  });

  it('when cart lines share a variant, then their quantities are summed', () => {
    expect(quantitiesByVariant([{ id: 'a', variantId: 'v1', quantity: 2 }, { id: 'b', variantId: 'v2', quantity: 1 }, { id: 'c', variantId: 'v1', quantity: 3 }])).toEqual(
      new Map([['v1', 5], ['v2', 1]]),
    );
  });
});

describe('order cursors', () => {
  it('when a cursor is issued, then it decodes to its position, and anything else is refused', () => {
    const position = '2026-12-01T10:00:00.000Z#ord_abc';
    expect(decodeOrderCursor(encodeOrderCursor(position))).toBe(position);
    expect(decodeOrderCursor('bm90LWEtY3Vyc29y')).toBeUndefined();
    expect(decodeOrderCursor(Buffer.from(JSON.stringify({ v: 1, k: 'CUSTOMER#x' })).toString('base64url'))).toBeUndefined();
    expect(decodeOrderCursor('x'.repeat(600))).toBeUndefined();
  });
});
