import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRAPHQL_ERROR_MESSAGES, graphqlErrorMessage, USER_ERROR_MESSAGES, userErrorMessage } from '../src/app/messages.js';

const API_DOC = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

/** The "Errors" section of docs/api.md: payload codes in its prose, GraphQL codes in its table. */
function documentedCodes(): { userErrors: string[]; graphqlErrors: string[] } {
  const section = /\n### Errors\n([\s\S]*?)\n##/.exec(API_DOC)?.[1] ?? '';
  const [prose = '', table = ''] = section.split('Everything else is a GraphQL error');
  const codes = (text: string) => [...text.matchAll(/`([A-Z][A-Z_]{3,})`/g)].map((match) => match[1] ?? '');
  return { userErrors: codes(prose), graphqlErrors: codes(table) };
}

describe('the storefront’s messages for the error codes docs/api.md lists', () => {
  const { userErrors, graphqlErrors } = documentedCodes();

  it('when docs/api.md is read, then it lists both kinds of codes (the parse found them)', () => {
    expect(userErrors).toContain('NOT_ENOUGH_STOCK');
    expect(graphqlErrors).toContain('TOO_MANY_ATTEMPTS');
  });

  it('when docs/api.md is read, then the account operations’ codes are among those checked', () => {
    expect(userErrors).toEqual(expect.arrayContaining(['INVALID_LINK', 'EMAIL_UNCHANGED', 'EMAIL_ALREADY_VERIFIED', 'ADDRESS_NOT_FOUND', 'ADDRESS_LIMIT_REACHED']));
    expect(graphqlErrors).toContain('REAUTHENTICATION_REQUIRED');
  });

  it('when a payload error code is documented, then the storefront has a sentence for it', () => {
    expect(userErrors.filter((code) => !(code in USER_ERROR_MESSAGES))).toEqual([]);
  });

  it('when a GraphQL error code is documented, then the storefront has a sentence for it', () => {
    expect(graphqlErrors.filter((code) => !(code in GRAPHQL_ERROR_MESSAGES))).toEqual([]);
  });

  it('when a code carries numbers the shopper needs, then the server’s message is kept; otherwise not', () => {
    expect(userErrorMessage({ code: 'NOT_ENOUGH_STOCK', message: 'Only 3 left; the line holds 3.' })).toBe('Not enough in stock. Only 3 left; the line holds 3.');
    expect(userErrorMessage({ code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect.' })).toBe('That email and password do not match an account.');
  });

  it('when an account form reuses a sign-in or sign-up code, then the field it names picks the sentence; without one, sign-in’s stays', () => {
    expect(userErrorMessage({ code: 'INVALID_CREDENTIALS', message: 'The password is incorrect.', field: ['input', 'currentPassword'] })).toBe('That is not your current password.');
    expect(userErrorMessage({ code: 'INVALID_CREDENTIALS', message: 'The password is incorrect.', field: ['input', 'password'] })).toBe('That is not your password.');
    expect(userErrorMessage({ code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect.', field: null })).toBe('That email and password do not match an account.');
    expect(userErrorMessage({ code: 'EMAIL_TAKEN', message: 'Another account uses this address.', field: ['input', 'newEmail'] })).toBe('Another account uses that email address.');
    expect(userErrorMessage({ code: 'EMAIL_TAKEN', message: 'An account with this email exists; sign in instead.', field: ['input', 'email'] })).toBe(
      'An account with this email already exists. Try signing in.',
    );
  });

  it('when an address field is at fault, then the sentence names it; a field the forms do not have leaves the general one', () => {
    expect(userErrorMessage({ code: 'INVALID_ADDRESS', message: 'postalCode is required, at most 20 characters.', field: ['input', 'postalCode'] })).toBe(
      'Please check the shipping address: the postal code.',
    );
    expect(userErrorMessage({ code: 'INVALID_ADDRESS', message: 'Give either shippingAddress or shippingAddressId, not both.', field: ['shippingAddress'] })).toBe(
      'Please check the shipping address.',
    );
  });

  it('when the address book is full, then the server’s limit is kept in the sentence', () => {
    expect(userErrorMessage({ code: 'ADDRESS_LIMIT_REACHED', message: 'You can save at most 20 addresses; remove one first.' })).toBe(
      'Your address book is full. You can save at most 20 addresses; remove one first.',
    );
  });

  it('when a code is unknown to the storefront, then the server’s message is shown rather than nothing', () => {
    expect(userErrorMessage({ code: 'SOMETHING_NEW', message: 'A new rule refused this.' })).toBe('A new rule refused this.');
    expect(graphqlErrorMessage({ code: 'SOMETHING_NEW', message: 'internal detail' })).toBe('Something went wrong.');
  });

  it('when sign-in is rate limited or an error is masked, then the wait or the reference is in the message', () => {
    expect(graphqlErrorMessage({ code: 'TOO_MANY_ATTEMPTS', message: '', retryAfterSeconds: 600 })).toBe('Too many attempts. Please try again in 10 minutes.');
    expect(graphqlErrorMessage({ code: 'TOO_MANY_ATTEMPTS', message: '', retryAfterSeconds: 30 })).toBe('Too many attempts. Please try again in 30 seconds.');
    expect(graphqlErrorMessage({ code: 'INTERNAL_SERVER_ERROR', message: 'masked', requestId: 'req-1' })).toBe(
      'Something went wrong on our side. If it persists, quote reference req-1.',
    );
  });
});
