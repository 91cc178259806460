import { normalisePostalAddress, type PostalAddressInput, type UserError } from '@shopgraph/shared';
import { createHash } from 'node:crypto';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import type { Address } from './order.js';
import { shippingMethodById, type ShippingMethod } from './shipping-methods.js';

/** placeOrder's input as GraphQL hands it over. */
export interface PlaceOrderInput {
  email: string;
  /** Typed in; or else `shippingAddressId`, one of the signed-in customer's saved addresses. */
  shippingAddress?: PostalAddressInput | null;
  shippingAddressId?: string | null;
  shippingMethodId: string;
  payment: { token: string };
  cartVersion?: number | null;
}

/** The input once its address is settled: typed in, or a saved one filled in. */
export type AddressedPlaceOrderInput = PlaceOrderInput & { shippingAddress: PostalAddressInput };

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

/**
 * Checks everything that needs no read: each problem an error naming its field. The address
 * is the one typed in, or the saved one `shippingAddressId` named (see shipping-address-choice.ts).
 */
export function validatePlaceOrderInput(input: AddressedPlaceOrderInput): { input: ValidInput } | { errors: UserError[] } {
  const errors: UserError[] = [];
  const email = input.email.trim();
  if (email.length > 254 || !EMAIL.test(email)) {
    errors.push(checkoutError(CheckoutErrorCode.INVALID_EMAIL, 'email must be an address such as name@example.com.', ['email']));
  }

  // A saved address passed these same checks when it was saved; an order checks it again,
  // since the rules may have moved on since.
  const { address, problems } = normalisePostalAddress(input.shippingAddress);
  for (const problem of problems) {
    errors.push(checkoutError(CheckoutErrorCode.INVALID_ADDRESS, problem.message, ['shippingAddress', problem.field]));
  }
  const countryKnown = !problems.some((problem) => problem.field === 'countryCode');

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
