import type { AddressInput, SavedAddress } from '../account-types.js';
import { h } from '../dom.js';
import type { Shop } from '../shop.js';
import { addressFields, addressInput } from './address-fields.js';
import { onSubmit } from './form-submit.js';

export interface AddressFormOptions {
  testId: string;
  /** The saved address being edited; none to add one. */
  address?: SavedAddress;
  submitLabel: string;
  /** Offer "use as my default" (adding only: an edit keeps the address's role). */
  offerDefault: boolean;
  /** Sends the change; true when it was made (the form then empties, for the next address). */
  save(input: AddressInput, makeDefault: boolean): Promise<boolean>;
  cancel?: () => void;
}

/** The address book's form for a new address or an edit of a saved one. */
export function addressForm(shop: Shop, options: AddressFormOptions): HTMLFormElement {
  return h(
    'form',
    {
      class: 'address-form',
      'data-testid': options.testId,
      onsubmit: onSubmit(shop, async (values, form) => {
        if (await options.save(addressInput(values), values['makeDefault'] === 'on')) form.reset();
      }),
    },
    addressFields(options.address),
    options.offerDefault ? h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'makeDefault' }), 'Use as my default shipping address') : null,
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'save-address' }, options.submitLabel),
    options.cancel ? [' ', h('button', { type: 'button', onclick: options.cancel }, 'Cancel')] : null,
  );
}
