import type { AddressInput, SavedAddress } from '../account-types.js';
import { h } from '../dom.js';

/** A postal address's inputs, the same in checkout and the address book (identity and checkout check them alike). */
const ADDRESS_FIELDS = [
  { name: 'name', label: 'Full name', autocomplete: 'name', required: true },
  { name: 'line1', label: 'Address', autocomplete: 'address-line1', required: true },
  { name: 'line2', label: 'Address line 2', autocomplete: 'address-line2', required: false },
  { name: 'city', label: 'City', autocomplete: 'address-level2', required: true },
  { name: 'postalCode', label: 'Postal code', autocomplete: 'postal-code', required: true },
  { name: 'countryCode', label: 'Country code (e.g. US)', autocomplete: 'country', required: true },
] as const;

type AddressFieldName = (typeof ADDRESS_FIELDS)[number]['name'];

/** The labelled inputs, filled with `values` (a saved address, or what is known of one). */
export function addressFields(values: Partial<Record<AddressFieldName, string | null>> = {}): HTMLElement[] {
  return ADDRESS_FIELDS.map((field) =>
    h('label', {}, field.label, h('input', { name: field.name, autocomplete: field.autocomplete, required: field.required, value: values[field.name] ?? '' })),
  );
}

/** A form's address inputs as the API takes them: line2 only when given. */
export function addressInput(values: Record<string, string>): AddressInput {
  const line2 = values['line2']?.trim();
  return {
    name: values['name'] ?? '',
    line1: values['line1'] ?? '',
    ...(line2 ? { line2 } : {}),
    city: values['city'] ?? '',
    postalCode: values['postalCode'] ?? '',
    countryCode: values['countryCode'] ?? '',
  };
}

/** A saved address on one line: "Ada Lovelace, 1 Main Street, Springfield 12345, US". */
export function formatAddress(address: SavedAddress): string {
  return [address.name, address.line1, address.line2, `${address.city} ${address.postalCode}`, address.countryCode].filter(Boolean).join(', ');
}
