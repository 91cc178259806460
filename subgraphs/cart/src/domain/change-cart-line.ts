import { codedError, ErrorCode, type Session, type UserError } from '@shopgraph/shared';
import { cartErrors } from '../errors.js';
import type { CartRepository } from '../store/cart-repository.js';
import type { CartChangeResult } from './add-to-cart.js';
import { ownerOf, type Cart, type CartLine } from './cart.js';
import { planSet, validateQuantity } from './cart-rules.js';
import { lookUpForChange, type LookupDeps } from './change-lookups.js';
import { parseLineId } from './line-id.js';

const MAX_ATTEMPTS = 5;

type Deps = LookupDeps & { carts: CartRepository };

/**
 * Finds the line `lineId` names in the caller's own live cart, or says why not. Unknown,
 * malformed and other carts' ids all answer the same CART_LINE_NOT_FOUND, and only the caller's
 * own cart is ever read, so the answer cannot tell whether the id exists anywhere else.
 */
async function findLine(
  carts: CartRepository,
  session: Session,
  lineId: string,
): Promise<{ cart: Cart; line: CartLine } | { cart: Cart | undefined; error: UserError }> {
  const cart = await carts.findByOwner(ownerOf(session));
  const named = parseLineId(lineId);
  const line = named && cart?.id === named.cartId ? cart.lines.find((candidate) => candidate.variantId === named.variantId) : undefined;
  if (cart && cart.status !== 'ACTIVE') return { cart, error: cartErrors.readOnly(cart.status) };
  if (!cart || !line) return { cart, error: cartErrors.lineNotFound() };
  return { cart, line };
}

/**
 * Sets a line's quantity (0 removes it). With expectedVersion, a cart that moved on answers
 * CART_VERSION_CONFLICT with the current cart and changes nothing; without it, the change
 * applies to the line whatever else changed on other devices.
 */
export async function updateCartLine(deps: Deps, session: Session, lineId: string, quantity: number, expectedVersion?: number): Promise<CartChangeResult> {
  const invalid = validateQuantity(quantity, { allowZero: true });
  if (invalid) return { cart: await deps.carts.findByOwner(ownerOf(session)), errors: [invalid], prices: new Map() };
  if (quantity === 0) return removeCartLine(deps, session, lineId, expectedVersion);
  return changeLine(deps, session, lineId, expectedVersion, async (cart, line) => {
    // Stock matters only when the line grows; lowering a quantity needs no checkout call.
    const lookups = await lookUpForChange(deps, { cart, variantId: line.variantId, withStock: quantity > line.quantity, priceRequired: false });
    const plan = planSet(quantity, lookups.available);
    if ('refused' in plan) return { refused: plan.refused, prices: lookups.prices };
    const unitPrice = lookups.prices.get(line.variantId) ?? line.unitPriceSnapshot;
    return {
      prices: lookups.prices,
      notice: plan.notice,
      write: (now: Date) =>
        deps.carts.setQuantity(cart, { variantId: line.variantId, quantity: plan.quantity, unitPrice, ...(expectedVersion !== undefined ? { expectedVersion } : {}) }, now),
    };
  });
}

export async function removeCartLine(deps: Deps, session: Session, lineId: string, expectedVersion?: number): Promise<CartChangeResult> {
  return changeLine(deps, session, lineId, expectedVersion, async (cart, line) => {
    const lookups = await lookUpForChange(deps, { cart, variantId: line.variantId, withStock: false, priceRequired: false });
    return {
      prices: lookups.prices,
      write: (now: Date) => deps.carts.removeLine(cart, { variantId: line.variantId, ...(expectedVersion !== undefined ? { expectedVersion } : {}) }, now),
    };
  });
}

type LineChange =
  | { refused: UserError; prices: CartChangeResult['prices'] }
  | { prices: CartChangeResult['prices']; notice?: UserError | undefined; write: (now: Date) => Promise<Cart | undefined> };

/** Read, check, plan, write; a write whose facts changed meanwhile reads and checks again. */
async function changeLine(
  deps: Deps,
  session: Session,
  lineId: string,
  expectedVersion: number | undefined,
  plan: (cart: Cart, line: CartLine) => Promise<LineChange>,
): Promise<CartChangeResult> {
  let prices: CartChangeResult['prices'] = new Map();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const found = await findLine(deps.carts, session, lineId);
    if ('error' in found) return { cart: found.cart, errors: [found.error], prices };
    const { cart, line } = found;
    if (expectedVersion !== undefined && cart.version !== expectedVersion) {
      return { cart, errors: [cartErrors.versionConflict(cart.version)], prices };
    }
    const change = await plan(cart, line);
    prices = change.prices;
    if ('refused' in change) return { cart, errors: [change.refused], prices };
    const updated = await change.write(new Date());
    if (updated) return { cart: updated, errors: change.notice ? [change.notice] : [], prices };
  }
  throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The cart kept changing on other devices; nothing was changed. Try again.');
}
