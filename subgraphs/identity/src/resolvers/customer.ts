import { requireSession } from '@shopgraph/shared/server';
import type { CustomerResolvers } from '../generated/resolver-types.js';
import { savedAddressView } from './saved-address-view.js';

export const Customer: CustomerResolvers = {
  __resolveReference({ id }, context) {
    // Another customer's profile is nobody's business: only the signed-in customer resolves.
    const session = requireSession(context);
    return session.customerId === id ? context.customers.findById(id).then((customer) => customer ?? null) : null;
  },

  async addresses({ id }, _, context) {
    const book = await context.addressBookOf(id);
    return book.addresses.map((address) => savedAddressView(address, book.defaultShippingAddressId));
  },

  async defaultShippingAddress({ id }, _, context) {
    const book = await context.addressBookOf(id);
    const address = book.addresses.find((saved) => saved.id === book.defaultShippingAddressId);
    return address ? savedAddressView(address, book.defaultShippingAddressId) : null;
  },
};
