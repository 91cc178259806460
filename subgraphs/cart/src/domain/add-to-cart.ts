import { codedError, ErrorCode, type Session, type UserError } from '@shopgraph/shared';
import { cartErrors } from '../errors.js';
import { changeTime, hasApplied } from '../store/change-memory.js';
import type { CartRepository } from '../store/cart-repository.js';
import { isExpired, ownerOf, type Cart, type Money } from './cart.js';
import { MAX_LINE_QUANTITY, MAX_LINES } from './cart-limits.js';
import { newCartId, planAdd, validateQuantity } from './cart-rules.js';
import { lookUpForChange, type LookupDeps } from './change-lookups.js';

/** Each repeat means another change landed first and the plan was made again from it. */
const MAX_ATTEMPTS = 5;
export const VARIANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export interface CartChangeResult {
  cart: Cart | undefined;
  errors: UserError[];
  /** Prices from the change's one catalog lookup, for its answer. */
  prices: Map<string, Money>;
  /** True when this change stored a new cart (the session's first state, for anonymous shoppers). */
  created?: boolean;
}

/**
 * Adds units of a variant: one read, one catalog lookup (with checkout's stock beside it), one
 * write. The write adds to the line atomically, conditional only on the line limit and the
 * line's cap, so adds from several devices at once all land and sum exactly. A cart that is
 * absent, expired, checked out or merged is replaced by a new one holding this line; one an
 * order holds while it is paid is read-only (CART_READ_ONLY).
 *
 * `changeId` names this add: the write records it, so an add retried with the same id (by the
 * SDK, a proxy or the client) finds it applied and answers with the cart instead of adding again.
 */
export async function addToCart(
  deps: LookupDeps & { carts: CartRepository },
  session: Session,
  { variantId, quantity, changeId }: { variantId: string; quantity: number; changeId: string },
): Promise<CartChangeResult> {
  const owner = ownerOf(session);
  const refuse = async (error: UserError): Promise<CartChangeResult> => ({ cart: await deps.carts.findByOwner(owner), errors: [error], prices: new Map() });
  const invalid = validateQuantity(quantity);
  if (invalid) return refuse(invalid);
  if (!VARIANT_ID_PATTERN.test(variantId)) return refuse(cartErrors.variantNotFound());

  let lookups: Awaited<ReturnType<typeof lookUpForChange>> | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = new Date();
    const stored = await deps.carts.findStored(owner, now);
    const live = stored && !isExpired(stored, now) ? stored : undefined;
    // An order of this cart is being paid: refused before any lookup, and never replaced by a
    // new cart as a finished one is, for a declined payment gives it back. A retry of an add
    // that landed before the hold answers as the add did.
    if (live?.status === 'PENDING_ORDER') {
      return { cart: live, errors: hasApplied(live, changeId) ? [] : [cartErrors.readOnly('PENDING_ORDER')], prices: lookups?.prices ?? new Map<string, Money>() };
    }
    const active = live?.status === 'ACTIVE' ? live : undefined;
    lookups ??= await lookUpForChange(deps, { cart: active, variantId, withStock: true, priceRequired: true });
    const { prices, available } = lookups;
    const unitPrice = prices.get(variantId);
    if (!unitPrice) return { cart: live, errors: [cartErrors.variantNotFound()], prices };
    if (hasApplied(live, changeId)) return { cart: live, errors: [], prices };

    const line = active?.lines.find((candidate) => candidate.variantId === variantId);
    const current = line?.quantity ?? 0;
    const plan = planAdd(current, quantity, available);
    if ('refused' in plan) return { cart: live, errors: [plan.refused], prices };
    const errors = plan.notice ? [plan.notice] : [];

    if (!active) {
      const at = now.toISOString();
      const created = await deps.carts.create(
        {
          id: newCartId(),
          owner,
          // Versions only go up, also across carts, so a stale expectedVersion never matches a new cart.
          version: (stored?.version ?? 0) + 1,
          status: 'ACTIVE',
          lines: [{ id: '', variantId, quantity: plan.quantity, unitPriceSnapshot: unitPrice, addedAt: at }],
          createdAt: at,
          updatedAt: at,
          expiresAt: at,
          recentChanges: { [changeId]: changeTime(now) },
        },
        stored,
      );
      if (created) return { cart: created, errors, prices, created: true };
      continue;
    }
    if (!line && active.lines.length >= MAX_LINES) return { cart: active, errors: [cartErrors.lineLimit()], prices };
    const cap = Math.min(MAX_LINE_QUANTITY, available === undefined ? MAX_LINE_QUANTITY : Math.max(current, available));
    const updated = await deps.carts.addUnits(active, { variantId, added: plan.quantity - current, maxTotal: cap, unitPrice, changeId }, now);
    if (updated) return { cart: updated, errors, prices };
  }
  throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The cart kept changing on other devices; nothing was added. Try again.');
}
