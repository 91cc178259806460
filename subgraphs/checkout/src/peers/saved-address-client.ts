import { HEADER_SERVICE_TOKEN, type PostalAddress, type ServiceTokenSigner } from '@shopgraph/shared';
import { createInternalClient, InternalCallError } from '@shopgraph/shared/server';

/** A signed-in customer's saved addresses, as identity keeps them. */
export interface SavedAddresses {
  /**
   * The customer's saved address with this id; undefined when the customer has none such
   * (another customer's id included). Throws InternalCallError when identity does not answer.
   */
  addressOf(customerId: string, addressId: string, requestId: string): Promise<PostalAddress | undefined>;
}

/**
 * Asks identity's /internal/checkout/saved-address, signed with checkout's own key (issuer
 * 'checkout', audience 'identity') naming the customer the gateway's context named. A
 * service call rather than a federation field: an order's address is an input of a
 * mutation, which the gateway cannot fill from another subgraph; and checkout already signs
 * its calls to cart this way, so identity only learns checkout's public key.
 */
export function createSavedAddressClient({ baseUrl, signer, timeoutMs }: { baseUrl: string; signer: ServiceTokenSigner; timeoutMs: number }): SavedAddresses {
  const http = createInternalClient({ service: 'identity', timeoutMs });
  return {
    async addressOf(customerId, addressId, requestId) {
      const token = await signer.sign('identity', { cid: customerId, aid: addressId, rid: requestId });
      try {
        const { address } = await http.postJson<{ address: PostalAddress }>(`${baseUrl}/internal/checkout/saved-address`, {}, {
          requestId,
          headers: { [HEADER_SERVICE_TOKEN]: token },
        });
        return address;
      } catch (error) {
        if (error instanceof InternalCallError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}
