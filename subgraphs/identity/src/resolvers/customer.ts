import { requireSession } from '@shopgraph/shared/server';
import type { IdentityContext } from '../context.js';
import type { Customer as CustomerRecord } from '../domain/identity-types.js';
import { savedAddressView } from './saved-address-view.js';

export const Customer = {
  __resolveReference({ id }: { id: string }, context: IdentityContext): Promise<CustomerRecord | undefined> {
    // Another customer's profile is nobody's business: only the signed-in customer resolves.
    const session = requireSession(context);
    return session.customerId === id ? context.customers.findById(id) : Promise.resolve(undefined);
  },

  async addresses({ id }: CustomerRecord, _: unknown, context: IdentityContext) {
    const book = await context.addressBookOf(id);
    return book.addresses.map((address) => savedAddressView(address, book.defaultShippingAddressId));
  },

  async defaultShippingAddress({ id }: CustomerRecord, _: unknown, context: IdentityContext) {
    const book = await context.addressBookOf(id);
    const address = book.addresses.find((saved) => saved.id === book.defaultShippingAddressId);
    return address ? savedAddressView(address, book.defaultShippingAddressId) : null;
  },
};
