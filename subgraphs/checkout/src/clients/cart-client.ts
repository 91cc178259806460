import { HEADER_SERVICE_TOKEN, type ServiceTokenSigner } from '@shopgraph/shared';
import { createInternalClient } from '@shopgraph/shared/server';
import type { OrderOwner } from '../domain/order.js';

/** The cart as checkout reads it from cart's internal route. */
export interface CheckoutCart {
  id: string;
  version: number;
  status: 'ACTIVE' | 'MERGED' | 'CHECKED_OUT';
  lines: { id: string; variantId: string; quantity: number }[];
}

export type MarkCheckedOutResult = 'marked' | 'already-marked' | 'not-found';

/** What checkout needs from cart; throws InternalCallError when cart does not answer. */
export interface CartClient {
  cartOf(owner: OrderOwner, requestId: string): Promise<CheckoutCart | undefined>;
  markCheckedOut(owner: OrderOwner, cartId: string, orderId: string, requestId: string): Promise<MarkCheckedOutResult>;
}

/**
 * Calls cart's /internal/checkout/* routes, signed with checkout's own key (issuer
 * 'checkout', audience 'cart', naming the cart's owner): the recovery pass has no shopper
 * request whose context it could forward. Checkout never reads cart's table.
 */
export function createCartClient({ baseUrl, signer, timeoutMs }: { baseUrl: string; signer: ServiceTokenSigner; timeoutMs: number }): CartClient {
  const http = createInternalClient({ service: 'cart', timeoutMs });
  const post = async <T>(path: string, owner: OrderOwner, requestId: string, body: Record<string, unknown>) => {
    const claims: Record<string, string> = owner.kind === 'customer' ? { cid: owner.customerId, rid: requestId } : { sid: owner.sessionId, rid: requestId };
    const token = await signer.sign('cart', claims);
    return http.postJson<T>(`${baseUrl}/internal/checkout/${path}`, body, { requestId, headers: { [HEADER_SERVICE_TOKEN]: token } });
  };
  return {
    async cartOf(owner, requestId) {
      const { cart } = await post<{ cart: CheckoutCart | null }>('cart', owner, requestId, {});
      return cart ?? undefined;
    },
    async markCheckedOut(owner, cartId, orderId, requestId) {
      const { result } = await post<{ result: MarkCheckedOutResult }>('mark-checked-out', owner, requestId, { cartId, orderId });
      return result;
    },
  };
}
