import { HEADER_SERVICE_TOKEN, type ServiceTokenSigner } from '@shopgraph/shared';
import { createInternalClient } from '@shopgraph/shared/server';
import type { OrderOwner } from '../domain/order.js';

/** The cart as checkout reads it from cart's internal route. */
export interface CheckoutCart {
  id: string;
  version: number;
  /** PENDING_ORDER: an order holds it while it is paid (a hold past its end reads ACTIVE). */
  status: 'ACTIVE' | 'PENDING_ORDER' | 'MERGED' | 'CHECKED_OUT';
  lines: { id: string; variantId: string; quantity: number }[];
  /** Set while status is PENDING_ORDER. */
  heldBy?: { orderId: string; heldUntil: string };
}

/**
 * 'held': the cart is PENDING_ORDER for this order, read-only until closed or released.
 * 'already-held': this order held it already; a later heldUntil extended the hold.
 * 'version-moved': the cart changed since it was read at that version; nothing is held.
 * 'not-found': the owner has no live cart with this id.
 */
export type HoldResult = 'held' | 'already-held' | 'version-moved' | 'not-found';
/** 'released': ACTIVE again with every line. 'not-held': this order does not hold it (released already, closed, or changed after the hold lapsed). */
export type ReleaseResult = 'released' | 'not-held' | 'not-found';
/** 'marked': the cart this order held is CHECKED_OUT. 'not-found': this order holds no such cart. */
export type MarkCheckedOutResult = 'marked' | 'already-marked' | 'not-found';

export interface CartHold {
  cartId: string;
  /** The version the cart was read at: the hold is taken only if nothing changed since. */
  version: number;
  orderId: string;
  /** ISO 8601. Past it, the hold counts as released; holding again with a later time extends it. */
  heldUntil: string;
}

/** What checkout needs from cart; throws InternalCallError when cart does not answer. */
/** A signed-in shopper's session and the guest session it replaced at sign-in. */
export interface SignedInFromGuest {
  signedInSessionId: string;
  guestSessionId: string;
}

export interface CartClient {
  /** With `signedInFromGuest`, cart first completes a guest cart hand-over still pending since sign-in. */
  cartOf(owner: OrderOwner, requestId: string, signedInFromGuest?: SignedInFromGuest): Promise<CheckoutCart | undefined>;
  /** Makes the cart read-only while its order is paid (or extends this order's hold). */
  hold(owner: OrderOwner, hold: CartHold, requestId: string): Promise<HoldResult>;
  /** Gives the cart back, ACTIVE with every line, after its order was declined or cancelled. */
  release(owner: OrderOwner, cartId: string, orderId: string, requestId: string): Promise<ReleaseResult>;
  /** Closes the cart this order holds, once the order is paid. */
  markCheckedOut(owner: OrderOwner, cartId: string, orderId: string, requestId: string): Promise<MarkCheckedOutResult>;
}

/**
 * Calls cart's /internal/checkout/* routes, signed with checkout's own key (issuer
 * 'checkout', audience 'cart', naming the cart's owner): the recovery pass has no shopper
 * request whose context it could forward. Checkout never reads cart's table.
 */
export function createCartClient({ baseUrl, signer, timeoutMs }: { baseUrl: string; signer: ServiceTokenSigner; timeoutMs: number }): CartClient {
  const http = createInternalClient({ service: 'cart', timeoutMs });
  const post = async <T>(path: string, owner: OrderOwner, requestId: string, body: Record<string, unknown>, extraClaims: Partial<SignedInFromGuest> = {}) => {
    const claims: Record<string, string> = {
      ...(owner.kind === 'customer' ? { cid: owner.customerId } : { sid: owner.sessionId }),
      rid: requestId,
      ...extraClaims,
    };
    const token = await signer.sign('cart', claims);
    return http.postJson<T>(`${baseUrl}/internal/checkout/${path}`, body, { requestId, headers: { [HEADER_SERVICE_TOKEN]: token } });
  };
  return {
    async cartOf(owner, requestId, signedInFromGuest) {
      const { cart } = await post<{ cart: CheckoutCart | null }>('cart', owner, requestId, {}, owner.kind === 'customer' ? signedInFromGuest : undefined);
      return cart ?? undefined;
    },
    async hold(owner, { cartId, version, orderId, heldUntil }, requestId) {
      const { result } = await post<{ result: HoldResult }>('hold', owner, requestId, { cartId, version, orderId, heldUntil });
      return result;
    },
    async release(owner, cartId, orderId, requestId) {
      const { result } = await post<{ result: ReleaseResult }>('release', owner, requestId, { cartId, orderId });
      return result;
    },
    async markCheckedOut(owner, cartId, orderId, requestId) {
      const { result } = await post<{ result: MarkCheckedOutResult }>('mark-checked-out', owner, requestId, { cartId, orderId });
      return result;
    },
  };
}
