import { createServiceTokenVerifier, type Logger } from '@shopgraph/shared';
import { serviceRoute, StatusAnswer, type InternalRouteInstaller } from '@shopgraph/shared/server';
import type { IdentityContext } from '../context.js';
import type { AddressBookService } from '../domain/address-book.js';

/**
 * POST /internal/checkout/saved-address, body {}: checkout's call when an order names a saved
 * address, signed with checkout's own key (issuer 'checkout', audience 'identity') naming the
 * customer (`cid`, from the gateway's context checkout verified) and the address (`aid`).
 *
 * -> { address } (the postal fields, without the id)
 * -> 404 when the customer has no saved address with that id (someone else's included)
 * -> 401 without a valid token naming both
 */
export function checkoutRoutes({ addressBook, checkoutPublicKeys, logger }: {
  addressBook: AddressBookService;
  checkoutPublicKeys: Parameters<typeof createServiceTokenVerifier>[0];
  logger: Logger;
}): InternalRouteInstaller<IdentityContext> {
  const verifier = createServiceTokenVerifier(checkoutPublicKeys, { issuer: 'checkout', audience: 'identity' });
  return (router) => {
    serviceRoute(router, '/checkout/saved-address', { logger, verifier }, async ({ cid: customerId, aid: addressId }) => {
      if (!customerId || !addressId) return 'unauthorized';
      const book = await addressBook.of(customerId);
      const saved = book.addresses.find((address) => address.id === addressId);
      if (!saved) return new StatusAnswer(404, { error: 'ADDRESS_NOT_FOUND' });
      const { id: _id, ...address } = saved;
      return { address };
    });
  };
}
