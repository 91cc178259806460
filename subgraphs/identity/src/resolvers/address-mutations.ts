import type { PostalAddressInput } from '@shopgraph/shared';
import { requireSession } from '@shopgraph/shared/server';
import type { IdentityContext } from '../context.js';
import type { AddressBookAnswer } from '../domain/address-book.js';
import { addressBookRules } from '../domain/address-book-rules.js';
import { requireCustomer } from '../domain/session-service.js';
import { savedAddressView } from './saved-address-view.js';

const payload = ({ address, addresses, defaultShippingAddressId, errors }: AddressBookAnswer) => ({
  address: address ? savedAddressView(address, defaultShippingAddressId) : null,
  addresses: addresses.map((saved) => savedAddressView(saved, defaultShippingAddressId)),
  errors,
});

/** The signed-in customer's address book. */
export const AddressMutation = {
  async addAddress(_: unknown, { input, makeDefault }: { input: PostalAddressInput; makeDefault?: boolean | null }, context: IdentityContext) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.add(book, input, makeDefault === true)));
  },

  async updateAddress(_: unknown, { id, input }: { id: string; input: PostalAddressInput }, context: IdentityContext) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.update(book, id, input)));
  },

  async removeAddress(_: unknown, { id }: { id: string }, context: IdentityContext) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.remove(book, id)));
  },

  async setDefaultShippingAddress(_: unknown, { id }: { id: string }, context: IdentityContext) {
    const customerId = requireCustomer(requireSession(context));
    return payload(await context.addressBook.edit(customerId, (book) => addressBookRules.setDefault(book, id)));
  },
};
