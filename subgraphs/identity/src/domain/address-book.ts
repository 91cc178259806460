import { codedError, ErrorCode, type UserError } from '@shopgraph/shared';
import type { AddressBookRepository } from '../store/address-book-repository.js';
import type { AddressBook, BookChange, SavedAddress } from './address-book-rules.js';

/** Edits racing for one book are rare (one customer's own devices): a few tries settle them. */
const ATTEMPTS = 5;

export interface AddressBookAnswer {
  address: SavedAddress | null;
  addresses: SavedAddress[];
  defaultShippingAddressId: string | null;
  errors: UserError[];
}

/**
 * A customer's address book: each edit reads the book, applies one rule of
 * address-book-rules.ts and writes the next version on condition that no other edit landed
 * in between (then reads and decides again).
 */
export function createAddressBook(repository: AddressBookRepository) {
  const answer = (book: AddressBook, address: SavedAddress | null, errors: UserError[] = []): AddressBookAnswer => ({
    address,
    addresses: book.addresses,
    defaultShippingAddressId: book.defaultShippingAddressId ?? null,
    errors,
  });

  return {
    async of(customerId: string): Promise<AddressBook> {
      return repository.get(customerId);
    },

    async edit(customerId: string, change: (book: AddressBook) => BookChange): Promise<AddressBookAnswer> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const book = await repository.get(customerId);
        const changed = change(book);
        if ('errors' in changed) return answer(book, null, changed.errors);
        if ((await repository.save(customerId, changed.book)) === 'saved') return answer(changed.book, changed.address);
      }
      throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'Your address book is being changed from elsewhere just now; try again.');
    },
  };
}

export type AddressBookService = ReturnType<typeof createAddressBook>;
