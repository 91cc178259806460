import { normalisePostalAddress, userError, type PostalAddress, type PostalAddressInput, type UserError } from '@shopgraph/shared';
import { randomBytes } from 'node:crypto';
import { IdentityErrorCode } from '../errors.js';

/** Addresses one customer may keep: plenty for a household, and the book stays one small item. */
export const MAX_SAVED_ADDRESSES = 20;

export interface SavedAddress extends PostalAddress {
  id: string;
}

/** A customer's saved addresses, oldest first. A book with any address always has a default. */
export interface AddressBook {
  addresses: SavedAddress[];
  defaultShippingAddressId?: string;
  version: number;
}

export type BookChange = { book: AddressBook; address: SavedAddress | null } | { errors: UserError[] };

const notFound = (): BookChange => ({ errors: [userError(IdentityErrorCode.ADDRESS_NOT_FOUND, 'You have no saved address with this id.', ['id'])] });

function validated(input: PostalAddressInput): { address: PostalAddress } | { errors: UserError[] } {
  const { address, problems } = normalisePostalAddress(input);
  if (problems.length === 0) return { address };
  return { errors: problems.map((problem) => userError(IdentityErrorCode.INVALID_ADDRESS, problem.message, ['input', problem.field])) };
}

const next = (book: AddressBook, addresses: SavedAddress[], defaultShippingAddressId: string | undefined): AddressBook => ({
  addresses,
  version: book.version + 1,
  ...(defaultShippingAddressId ? { defaultShippingAddressId } : {}),
});

/** Pure edits of a book: each answers the next version, or why not. */
export const addressBookRules = {
  add(book: AddressBook, input: PostalAddressInput, makeDefault: boolean): BookChange {
    const checked = validated(input);
    if ('errors' in checked) return checked;
    if (book.addresses.length >= MAX_SAVED_ADDRESSES) {
      return { errors: [userError(IdentityErrorCode.ADDRESS_LIMIT_REACHED, `You can save at most ${MAX_SAVED_ADDRESSES} addresses; remove one first.`)] };
    }
    const address: SavedAddress = { id: `adr_${randomBytes(16).toString('base64url')}`, ...checked.address };
    // The first address saved is the default: a book with addresses always has one.
    const isDefault = makeDefault || book.defaultShippingAddressId === undefined;
    return { book: next(book, [...book.addresses, address], isDefault ? address.id : book.defaultShippingAddressId), address };
  },

  update(book: AddressBook, id: string, input: PostalAddressInput): BookChange {
    if (!book.addresses.some((address) => address.id === id)) return notFound();
    const checked = validated(input);
    if ('errors' in checked) return checked;
    const address: SavedAddress = { id, ...checked.address };
    return { book: next(book, book.addresses.map((saved) => (saved.id === id ? address : saved)), book.defaultShippingAddressId), address };
  },

  remove(book: AddressBook, id: string): BookChange {
    if (!book.addresses.some((address) => address.id === id)) return notFound();
    const addresses = book.addresses.filter((address) => address.id !== id);
    // Removing the default hands the role to the oldest address left.
    const defaultId = book.defaultShippingAddressId === id ? addresses[0]?.id : book.defaultShippingAddressId;
    return { book: next(book, addresses, defaultId), address: null };
  },

  setDefault(book: AddressBook, id: string): BookChange {
    const address = book.addresses.find((saved) => saved.id === id);
    if (!address) return notFound();
    return { book: next(book, book.addresses, id), address };
  },
};
