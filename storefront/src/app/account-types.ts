import type { UserError } from './api.js';

/** The shapes of the account operations' answers (clients/operations/accounts.graphql), as far as the pages read them. */

/** SavedAddressFields. */
export interface SavedAddress {
  id: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  countryCode: string;
  isDefaultShipping: boolean;
}

/** The fields of a SavedAddressInput (and of checkout's AddressInput), as the forms send them. */
export type AddressInput = Omit<SavedAddress, 'id' | 'isDefaultShipping' | 'line2'> & { line2?: string };

/** AccountSettings: the signed-in customer with the address book; null customer when anonymous. */
export interface AccountSettings {
  isAuthenticated: boolean;
  customer: {
    id: string;
    email: string;
    name: string;
    emailVerified: boolean;
    addresses: SavedAddress[];
    defaultShippingAddress: SavedAddress | null;
  } | null;
}

/** StorefrontViewer (clients/operations/storefront.graphql): what the header shows. */
export interface HeaderViewer {
  isAuthenticated: boolean;
  customer: { id: string; email: string; name: string; emailVerified: boolean } | null;
}

/** AddAddress, UpdateAddress, RemoveAddress, SetDefaultShippingAddress: the whole book after the change. */
export interface AddressBookPayload {
  addresses: SavedAddress[];
  errors: UserError[];
}

/** Mutations that answer only what stood in their way. */
export interface ErrorsPayload {
  errors: UserError[];
}
