import { requireSession } from '@shopgraph/shared/server';
import type { AddressBookAnswer } from '../domain/address-book.js';
import { addressBookRules } from '../domain/address-book-rules.js';
import { requireCustomer } from '../domain/session-service.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { savedAddressView } from './saved-address-view.js';

const payload = ({ address, addresses, defaultShippingAddressId, errors }: AddressBookAnswer) => ({
  address: address ? savedAddressView(address, defaultShippingAddressId) : null,
  addresses: addresses.map((saved) => savedAddressView(saved, defaultShippingAddressId)),
  errors,
});

/** The signed-in customer's address book. */
export const AddressMutation: MutationResolvers = {
  async addAddress(_, { input, makeDefault }, context) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.add(book, input, makeDefault === true)));
  },

  async updateAddress(_, { id, input }, context) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.update(book, id, input)));
  },

  async removeAddress(_, { id }, context) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.remove(book, id)));
  },

  async setDefaultShippingAddress(_, { id }, context) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.setDefault(book, id)));
  },
};
