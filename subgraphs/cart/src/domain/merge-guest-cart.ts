import type { CartRepository } from '../store/cart-repository.js';
import { CartVersionConflictError } from '../store/cart-repository.js';
import type { Cart } from './cart.js';
import { MAX_LINE_QUANTITY, MAX_LINES, newCart } from './cart-rules.js';

const MAX_ATTEMPTS = 3;

/**
 * Moves a guest cart's lines into the customer's cart at sign-in: quantities are summed per
 * variant (capped at the per-line limit), new variants are appended (up to the line limit),
 * and the guest cart becomes MERGED. Exactly once: a guest cart that is not ACTIVE any more
 * has been merged already, so a retry changes nothing.
 */
export async function mergeGuestCart(
  carts: CartRepository,
  guestSessionId: string,
  customerId: string,
): Promise<{ merged: boolean; cart?: Cart }> {
  for (let attempt = 1; ; attempt++) {
    const now = new Date();
    const guest = await carts.findByOwner({ kind: 'session', sessionId: guestSessionId }, now);
    if (!guest || guest.status !== 'ACTIVE' || guest.lines.length === 0) return { merged: false };
    const owner = { kind: 'customer' as const, customerId };
    const target = (await carts.findByOwner(owner, now)) ?? newCart(owner, now);
    try {
      return { merged: true, cart: await carts.saveMerge(guest, combine(target, guest, now)) };
    } catch (error) {
      if (!(error instanceof CartVersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

function combine(target: Cart, guest: Cart, now: Date): Cart {
  const lines = target.lines.map((line) => ({ ...line }));
  for (const guestLine of guest.lines) {
    const existing = lines.find((line) => line.variantId === guestLine.variantId);
    if (existing) existing.quantity = Math.min(MAX_LINE_QUANTITY, existing.quantity + guestLine.quantity);
    else if (lines.length < MAX_LINES) lines.push({ ...guestLine });
  }
  return { ...target, status: 'ACTIVE', lines, updatedAt: now.toISOString() };
}
