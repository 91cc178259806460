import type { AddAddressMutation, AddressInput as CheckoutAddressInput, SavedAddressFieldsFragment, SavedAddressInput, StorefrontViewerQuery } from './generated/operations.js';

/**
 * Names for the account operations' answers (clients/operations/accounts.graphql) that the pages
 * pass around, from the generated types (generated/operations.ts, `npm run codegen`).
 */

/** SavedAddressFields. */
export type SavedAddress = SavedAddressFieldsFragment;

/**
 * What the address forms send: one shape for a SavedAddressInput and checkout's AddressInput, so
 * the typecheck fails if either input needs a field the form does not give.
 */
export type AddressInput = SavedAddressInput & CheckoutAddressInput;

/** StorefrontViewer (clients/operations/storefront.graphql): what the header shows. */
export type HeaderViewer = StorefrontViewerQuery['viewer'];

/** What every address book change (AddAddress, UpdateAddress, RemoveAddress, SetDefaultShippingAddress) answers: the whole book after it, or what stood in the way. */
export type AddressBookPayload = Pick<AddAddressMutation['addAddress'], 'addresses' | 'errors'>;
