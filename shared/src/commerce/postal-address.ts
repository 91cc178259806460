import { isCountryCode } from './countries.js';

/** A postal address as checkout ships to it and identity's address book keeps it. */
export interface PostalAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
}

/** An address as a client sends it: untrimmed, line2 possibly null. */
export interface PostalAddressInput {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  countryCode: string;
}

/** Longest value of each field, in characters; the same for an order and a saved address. */
export const ADDRESS_LIMITS = { name: 200, line1: 200, line2: 200, city: 100, postalCode: 20 } as const;

/** One field at fault, named as the input names it. */
export interface AddressProblem {
  field: keyof PostalAddress;
  message: string;
}

/**
 * Trims and checks an address: every problem at once, each naming its field. Checkout and
 * identity share it so a saved address is always one checkout accepts (checkout still checks
 * that the shipping method serves its country).
 */
export function normalisePostalAddress(raw: PostalAddressInput): { address: PostalAddress; problems: AddressProblem[] } {
  const problems: AddressProblem[] = [];
  const address: PostalAddress = { name: '', line1: '', city: '', postalCode: '', countryCode: '' };
  for (const field of ['name', 'line1', 'city', 'postalCode'] as const) {
    const value = raw[field].trim();
    address[field] = value;
    if (value.length === 0 || value.length > ADDRESS_LIMITS[field]) {
      problems.push({ field, message: `${field} is required, at most ${ADDRESS_LIMITS[field]} characters.` });
    }
  }
  const line2 = raw.line2?.trim();
  if (line2) {
    if (line2.length > ADDRESS_LIMITS.line2) problems.push({ field: 'line2', message: `line2 is at most ${ADDRESS_LIMITS.line2} characters.` });
    address.line2 = line2;
  }
  address.countryCode = raw.countryCode.trim().toUpperCase();
  if (!isCountryCode(address.countryCode)) {
    problems.push({ field: 'countryCode', message: 'countryCode must be an ISO 3166-1 alpha-2 code such as US.' });
  }
  return { address, problems };
}

export { isCountryCode };
