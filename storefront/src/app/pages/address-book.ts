import type { AddressBookPayload, AddressInput, SavedAddress } from '../account-types.js';
import { append, h } from '../dom.js';
import type { Shop } from '../shop.js';
import { formatAddress } from './address-fields.js';
import { addressForm } from './address-form.js';

/**
 * The saved addresses, oldest first, the default marked, each with edit, remove and "make default"; and
 * a form to add one. Every change answers the whole book, which the list then shows: another
 * device's changes appear with the next one made here.
 */
export function addressBook(shop: Shop, initial: SavedAddress[]): HTMLElement {
  const list = h('ul', { class: 'address-book', 'data-testid': 'address-book' });

  /** Sends one change of accounts.graphql (`send`); shows the book it answers, or what stood in the way. True when made. */
  async function change(send: () => Promise<AddressBookPayload>, done: string): Promise<boolean> {
    shop.clearNotices();
    const payload = await send();
    if (shop.showUserErrors(payload.errors)) return false;
    show(payload.addresses);
    shop.notify(done);
    return true;
  }

  /** A button's change, with the button disabled while it is on its way. */
  const act = (button: HTMLButtonElement, run: () => Promise<unknown>) => {
    button.disabled = true;
    void run()
      .catch((error: unknown) => shop.showFailure(error))
      .finally(() => {
        button.disabled = false;
      });
  };

  function item(address: SavedAddress): HTMLElement {
    const row: HTMLElement = h('li', { 'data-testid': 'saved-address', 'data-default': String(address.isDefaultShipping) });
    const edit = () =>
      row.replaceChildren(
        addressForm(shop, {
          testId: 'edit-address-form',
          address,
          submitLabel: 'Save address',
          offerDefault: false,
          save: (input: AddressInput) => change(async () => (await shop.api('UpdateAddress', { id: address.id, input })).updateAddress, 'Address saved.'),
          cancel: () => row.replaceWith(item(address)),
        }),
      );
    const button = (testId: string, label: string, onclick: (self: HTMLButtonElement) => void) => {
      const self: HTMLButtonElement = h('button', { type: 'button', 'data-testid': testId, onclick: () => onclick(self) }, label);
      return self;
    };
    append(row, [
      h('span', { class: 'address', 'data-testid': 'address-text' }, formatAddress(address)),
      address.isDefaultShipping ? h('strong', { class: 'default', 'data-testid': 'default-address' }, 'Default shipping address') : null,
      h(
        'span',
        { class: 'actions' },
        button('edit-address', 'Edit', edit),
        address.isDefaultShipping
          ? null
          : button('make-default', 'Make default', (self) =>
              act(self, () => change(async () => (await shop.api('SetDefaultShippingAddress', { id: address.id })).setDefaultShippingAddress, 'Default shipping address changed.')),
            ),
        button('remove-address', 'Remove', (self) => act(self, () => change(async () => (await shop.api('RemoveAddress', { id: address.id })).removeAddress, 'Address removed.'))),
      ),
    ]);
    return row;
  }

  function show(addresses: SavedAddress[]): void {
    list.replaceChildren(
      ...(addresses.length === 0 ? [h('li', { 'data-testid': 'no-addresses' }, 'No saved addresses yet. Checkout starts from your default one.')] : addresses.map(item)),
    );
  }

  show(initial);
  return h(
    'div',
    {},
    list,
    h('h3', {}, 'Add an address'),
    addressForm(shop, {
      testId: 'add-address-form',
      submitLabel: 'Save address',
      offerDefault: true,
      save: (input, makeDefault) => change(async () => (await shop.api('AddAddress', { input, makeDefault })).addAddress, 'Address saved.'),
    }),
  );
}
