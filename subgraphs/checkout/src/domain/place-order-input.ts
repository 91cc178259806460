import type { UserError } from '@shopgraph/shared';
import { createHash } from 'node:crypto';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import { isCountryCode } from './countries.js';
import type { Address } from './order.js';
import { shippingMethodById, type ShippingMethod } from './shipping-methods.js';

/** placeOrder's input as GraphQL hands it over. */
export interface PlaceOrderInput {
  email: string;
  shippingAddress: { name: string; line1: string; line2?: string | null; city: string; postalCode: string; countryCode: string };
  shippingMethodId: string;
  payment: { token: string };
  cartVersion?: number | null;
}

export interface ValidInput {
  email: string;
  shippingAddress: Address;
  shippingMethod: ShippingMethod;
  paymentToken: string;
  cartVersion?: number;
}

/** Long enough for a UUID or any client's scheme; short enough to bound what is hashed and logged. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const ADDRESS_LIMITS = { name: 200, line1: 200, line2: 200, city: 100, postalCode: 20 } as const;

export function idempotencyKeyProblem(key: string): UserError | undefined {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return checkoutError(
      CheckoutErrorCode.INVALID_IDEMPOTENCY_KEY,
      `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      ['idempotencyKey'],
    );
  }
  return undefined;
}

/** Checks everything that needs no read: each problem an error naming its field. */
export function validatePlaceOrderInput(input: PlaceOrderInput): { input: ValidInput } | { errors: UserError[] } {
  const errors: UserError[] = [];
  const email = input.email.trim();
  if (email.length > 254 || !EMAIL.test(email)) {
    errors.push(checkoutError(CheckoutErrorCode.INVALID_EMAIL, 'email must be an address such as name@example.com.', ['email']));
  }

  const raw = input.shippingAddress;
  const address: Address = { name: '', line1: '', city: '', postalCode: '', countryCode: '' };
  for (const field of ['name', 'line1', 'city', 'postalCode'] as const) {
    const value = raw[field].trim();
    address[field] = value;
    if (value.length === 0 || value.length > ADDRESS_LIMITS[field]) {
      errors.push(
        checkoutError(CheckoutErrorCode.INVALID_ADDRESS, `${field} is required, at most ${ADDRESS_LIMITS[field]} characters.`, ['shippingAddress', field]),
      );
    }
  }
  const line2 = raw.line2?.trim();
  if (line2) {
    if (line2.length > ADDRESS_LIMITS.line2) {
      errors.push(checkoutError(CheckoutErrorCode.INVALID_ADDRESS, `line2 is at most ${ADDRESS_LIMITS.line2} characters.`, ['shippingAddress', 'line2']));
    }
    address.line2 = line2;
  }
  address.countryCode = raw.countryCode.trim().toUpperCase();
  const countryKnown = isCountryCode(address.countryCode);
  if (!countryKnown) {
    errors.push(checkoutError(CheckoutErrorCode.INVALID_ADDRESS, 'countryCode must be an ISO 3166-1 alpha-2 code such as US.', ['shippingAddress', 'countryCode']));
  }

  const shippingMethod = shippingMethodById(input.shippingMethodId);
  if (!shippingMethod) {
    errors.push(checkoutError(CheckoutErrorCode.UNKNOWN_SHIPPING_METHOD, 'shippingMethodId must be one of shippingMethods.', ['shippingMethodId']));
  } else if (countryKnown && !shippingMethod.countries.includes(address.countryCode)) {
    errors.push(
      checkoutError(CheckoutErrorCode.COUNTRY_NOT_SERVED, `${shippingMethod.name} does not ship to ${address.countryCode}.`, ['shippingAddress', 'countryCode']),
    );
  }

  const token = input.payment.token;
  if (token.length === 0 || token.length > 256) {
    errors.push(checkoutError(CheckoutErrorCode.INVALID_PAYMENT_TOKEN, 'payment.token must be 1 to 256 characters.', ['payment', 'token']));
  }
  if (errors.length > 0 || !shippingMethod) return { errors };
  return {
    input: {
      email,
      shippingAddress: address,
      shippingMethod,
      paymentToken: token,
      ...(typeof input.cartVersion === 'number' ? { cartVersion: input.cartVersion } : {}),
    },
  };
}

/** Identifies "the same input" for an idempotency key: a digest of the canonical form, never the input itself. */
export function inputHash(input: ValidInput): string {
  const canonical = JSON.stringify([
    input.email,
    [input.shippingAddress.name, input.shippingAddress.line1, input.shippingAddress.line2 ?? '', input.shippingAddress.city, input.shippingAddress.postalCode, input.shippingAddress.countryCode],
    input.shippingMethod.id,
    input.paymentToken,
    input.cartVersion ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('base64url');
}
