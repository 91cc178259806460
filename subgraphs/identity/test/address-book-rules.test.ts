import { describe, expect, it } from 'vitest';
import { addressBookRules, MAX_SAVED_ADDRESSES, type AddressBook } from '../src/domain/address-book-rules.js';

const HOME = { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1', countryCode: 'gb' };
const empty: AddressBook = { addresses: [], version: 0 };

function applied(change: ReturnType<typeof addressBookRules.add>) {
  if ('errors' in change) throw new Error(JSON.stringify(change.errors));
  return change;
}

describe('address book rules', () => {
  it('when the first address is added, then it is the default, and each change moves the version on by one', () => {
    const { book, address } = applied(addressBookRules.add(empty, HOME, false));
    expect(book).toMatchObject({ version: 1, defaultShippingAddressId: address!.id, addresses: [{ ...HOME, countryCode: 'GB' }] });
    expect(address!.id).toMatch(/^adr_[A-Za-z0-9_-]{22}$/);
    const second = applied(addressBookRules.add(book, HOME, false));
    expect(second.book).toMatchObject({ version: 2, defaultShippingAddressId: address!.id });
  });

  it('when the default is removed, then the oldest address left takes its place; removing the last leaves none', () => {
    const first = applied(addressBookRules.add(empty, HOME, false));
    const second = applied(addressBookRules.add(first.book, { ...HOME, line1: '2 Main St' }, false));
    const third = applied(addressBookRules.add(second.book, { ...HOME, line1: '3 Main St' }, true));
    const removed = applied(addressBookRules.remove(third.book, third.address!.id));
    expect(removed.book.defaultShippingAddressId).toBe(first.address!.id);
    const onlyOne = applied(addressBookRules.remove(applied(addressBookRules.remove(removed.book, first.address!.id)).book, second.address!.id));
    expect(onlyOne.book).toEqual({ addresses: [], version: 6 });
  });

  it('when the book is full, then ADDRESS_LIMIT_REACHED and no new version', () => {
    let book = empty;
    for (let i = 0; i < MAX_SAVED_ADDRESSES; i++) book = applied(addressBookRules.add(book, HOME, false)).book;
    expect(addressBookRules.add(book, HOME, false)).toEqual({ errors: [expect.objectContaining({ code: 'ADDRESS_LIMIT_REACHED' })] });
  });

  it('when an id is unknown, then update, remove and set-default answer ADDRESS_NOT_FOUND', () => {
    for (const change of [addressBookRules.update(empty, 'adr_x', HOME), addressBookRules.remove(empty, 'adr_x'), addressBookRules.setDefault(empty, 'adr_x')]) {
      expect(change).toEqual({ errors: [expect.objectContaining({ code: 'ADDRESS_NOT_FOUND', field: ['id'] })] });
    }
  });

  it('when an address is invalid, then every problem names its field under input', () => {
    const change = addressBookRules.add(empty, { ...HOME, city: ' ', countryCode: 'Britain' }, false);
    expect(change).toEqual({
      errors: [expect.objectContaining({ code: 'INVALID_ADDRESS', field: ['input', 'city'] }), expect.objectContaining({ code: 'INVALID_ADDRESS', field: ['input', 'countryCode'] })],
    });
  });
});
