import { InternalCallError } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import type { CartClient, CheckoutCart } from '../../src/peers/cart-client.js';
import { ownerKey, type OrderOwner } from '../../src/domain/order.js';

/**
 * Cart as checkout sees it, in memory, answering as cart's /internal/checkout/* routes do: a
 * hold only at the version read (or extending this order's own), a hold past its end reads as
 * released, a close only of the cart this order holds. A checkout-only test controls exactly
 * what the cart holds (two lines of one variant, 97 variants) and when it is down. The real
 * routes are covered end to end through the gateway.
 */
export interface FakeCart extends CartClient {
  carts: Map<string, CheckoutCart>;
  marks: { cartId: string; orderId: string }[];
  releases: { cartId: string; orderId: string }[];
  down: boolean;
  /** Only marking fails (the read still works). */
  markingFails: boolean;
  give(owner: OrderOwner, lines: { variantId: string; quantity: number }[]): CheckoutCart;
  /** The owner's cart as stored, a lapsed hold included. */
  stored(owner: OrderOwner): CheckoutCart | undefined;
  /** A shopper's change (a line added): only an ACTIVE cart, or one whose hold lapsed, takes it. */
  change(owner: OrderOwner): boolean;
}

export function createFakeCart(): FakeCart {
  const carts = new Map<string, CheckoutCart>();
  const unreachable = () => new InternalCallError('cart', 'unreachable', 'did not answer (test)');
  /** A hold past its end counts as released. */
  const live = (cart: CheckoutCart | undefined): CheckoutCart | undefined => {
    if (cart?.status !== 'PENDING_ORDER' || !cart.heldBy || cart.heldBy.heldUntil > new Date().toISOString()) return cart;
    const { heldBy: _lapsed, ...released } = cart;
    return { ...released, status: 'ACTIVE' };
  };
  const write = (owner: OrderOwner, cart: CheckoutCart) => carts.set(ownerKey(owner), { ...cart, version: cart.version + 1 });
  const fake: FakeCart = {
    carts,
    marks: [],
    releases: [],
    down: false,
    markingFails: false,
    give(owner, lines) {
      const cart: CheckoutCart = {
        id: `cart_${randomBytes(6).toString('hex')}`,
        version: 1,
        status: 'ACTIVE',
        lines: lines.map((line, index) => ({ id: `line_${index}`, ...line })),
      };
      carts.set(ownerKey(owner), cart);
      return cart;
    },
    stored: (owner) => carts.get(ownerKey(owner)),
    change(owner) {
      const cart = live(carts.get(ownerKey(owner)));
      if (cart?.status !== 'ACTIVE') return false;
      write(owner, cart);
      return true;
    },
    async cartOf(owner) {
      if (fake.down) throw unreachable();
      return live(carts.get(ownerKey(owner)));
    },
    async hold(owner, { cartId, version, orderId, heldUntil }) {
      if (fake.down) throw unreachable();
      const stored = carts.get(ownerKey(owner));
      if (stored?.id !== cartId) return 'not-found';
      if (stored.status === 'PENDING_ORDER' && stored.heldBy?.orderId === orderId) {
        if (heldUntil > stored.heldBy.heldUntil) write(owner, { ...stored, heldBy: { orderId, heldUntil } });
        return 'already-held';
      }
      const cart = live(stored)!;
      if (cart.status !== 'ACTIVE' || cart.version !== version) return 'version-moved';
      write(owner, { ...cart, status: 'PENDING_ORDER', heldBy: { orderId, heldUntil } });
      return 'held';
    },
    async release(owner, cartId, orderId) {
      if (fake.down) throw unreachable();
      const stored = carts.get(ownerKey(owner));
      if (stored?.id !== cartId) return 'not-found';
      if (stored.status !== 'PENDING_ORDER' || stored.heldBy?.orderId !== orderId) return 'not-held';
      const { heldBy: _released, ...cart } = stored;
      write(owner, { ...cart, status: 'ACTIVE' });
      fake.releases.push({ cartId, orderId });
      return 'released';
    },
    async markCheckedOut(owner, cartId, orderId) {
      if (fake.down || fake.markingFails) throw unreachable();
      const stored = carts.get(ownerKey(owner));
      if (stored?.id === cartId && stored.status === 'CHECKED_OUT' && fake.marks.some((mark) => mark.cartId === cartId && mark.orderId === orderId)) return 'already-marked';
      if (stored?.id !== cartId || stored.status !== 'PENDING_ORDER' || stored.heldBy?.orderId !== orderId) return 'not-found';
      const { heldBy: _closed, ...cart } = stored;
      write(owner, { ...cart, status: 'CHECKED_OUT' });
      fake.marks.push({ cartId, orderId });
      return 'marked';
    },
  };
  return fake;
}
