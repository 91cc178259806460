import type { SavedAddress } from '../domain/address-book-rules.js';

/** A saved address as the API's SavedAddress shows it. */
export function savedAddressView(address: SavedAddress, defaultShippingAddressId: string | null | undefined) {
  return { ...address, line2: address.line2 ?? null, isDefaultShipping: address.id === defaultShippingAddressId };
}
