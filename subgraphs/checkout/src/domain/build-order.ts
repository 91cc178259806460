import type { UserError } from '@shopgraph/shared';
import { createHash, randomBytes } from 'node:crypto';
import type { CheckoutCart } from '../peers/cart-client.js';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import { MAX_ORDER_VARIANTS } from '../store/order-repository.js';
import type { Money, Order, OrderLine, OrderOwner } from './order.js';
import type { ValidInput } from './place-order-input.js';

/**
 * Cart lines summed per variant: two lines of one variant are one decrement, checked against
 * the stock together (and DynamoDB refuses two operations on one item in a transaction).
 */
export function quantitiesByVariant(lines: CheckoutCart['lines']): Map<string, number> {
  const quantities = new Map<string, number>();
  for (const line of lines) quantities.set(line.variantId, (quantities.get(line.variantId) ?? 0) + line.quantity);
  return quantities;
}

export function orderSizeProblem(quantities: ReadonlyMap<string, number>): UserError | undefined {
  if (quantities.size <= MAX_ORDER_VARIANTS) return undefined;
  return checkoutError(
    CheckoutErrorCode.ORDER_TOO_LARGE,
    `An order holds at most ${MAX_ORDER_VARIANTS} different variants (one transaction); this cart has ${quantities.size}.`,
  );
}

/**
 * The order as it will be stored: totals from catalog's current prices and the shipping
 * method, never from anything the client sent. Integer minor units throughout.
 */
export function buildOrder(
  { orderId, owner, cart, quantities, prices, input, now }: {
    /** Derived from the owner and the idempotency key (see orderIdFor): duplicates of a request name one order. */
    orderId: string;
    owner: OrderOwner;
    cart: CheckoutCart;
    quantities: ReadonlyMap<string, number>;
    prices: ReadonlyMap<string, Money>;
    input: ValidInput;
    now: Date;
  },
): { order: Order } | { errors: UserError[] } {
  const currencyCode = input.shippingMethod.price.currencyCode;
  const errors: UserError[] = [];
  const lines: OrderLine[] = [];
  for (const [variantId, quantity] of quantities) {
    const unitPrice = prices.get(variantId);
    if (!unitPrice || unitPrice.currencyCode !== currencyCode) {
      errors.push(checkoutError(CheckoutErrorCode.VARIANT_UNAVAILABLE, `Variant ${variantId} can no longer be bought; remove it from the cart.`));
      continue;
    }
    lines.push({ variantId, quantity, unitPrice: { amount: unitPrice.amount, currencyCode } });
  }
  if (errors.length > 0) return { errors };
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0);
  const shipping = input.shippingMethod.price.amount;
  const at = now.toISOString();
  return {
    order: {
      id: orderId,
      number: orderNumber(now),
      owner,
      status: 'PENDING_PAYMENT',
      email: input.email,
      shippingAddress: input.shippingAddress,
      shippingMethodId: input.shippingMethod.id,
      lines,
      subtotal: { amount: subtotal, currencyCode },
      shippingTotal: { amount: shipping, currencyCode },
      total: { amount: subtotal + shipping, currencyCode },
      cartId: cart.id,
      cartVersion: cart.version,
      transactions: [],
      fulfillments: [],
      refunds: [],
      revision: 0,
      createdAt: at,
      updatedAt: at,
    },
  };
}

/**
 * The order an idempotency key names: derived from the owner and the key, so duplicates of one
 * request (concurrent, or a retry after a crash) hold the cart for the same order and find
 * each other, before any of them has written anything. Unguessable without the owner's key,
 * and order(id) answers only its owner anyway.
 */
export function orderIdFor(ownerKey: string, idempotencyKey: string): string {
  return `ord_${createHash('sha256').update(`${ownerKey}\n${idempotencyKey}`).digest('base64url').slice(0, 24)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "SG-20261201-7KQ3XM2A": the day, then 40 random bits a person can read out without mixing up 0 and O. */
function orderNumber(now: Date): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += CROCKFORD[byte % 32];
  return `SG-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${code}`;
}
