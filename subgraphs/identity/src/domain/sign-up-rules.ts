import { userError, type UserError } from '@shopgraph/shared';
import { IdentityErrorCode } from '../errors.js';

export const PASSWORD_MAX_LENGTH = 256;
// Deliberately plain: RFC 5322 in full accepts more, but an address without one "@" and a
// dotted domain cannot receive a confirmation email anyway.
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,185}\.[^\s@.]{2,63}$/;

/** INVALID_EMAIL naming `field`, or undefined for an address that can receive email. */
export function emailProblem(email: string, field: string[]): UserError | undefined {
  if (email.length <= 254 && EMAIL.test(email.trim())) return undefined;
  return userError(IdentityErrorCode.INVALID_EMAIL, 'Enter an email address like name@example.com.', field);
}

/** WEAK_PASSWORD naming `field`, or undefined for a password of an allowed length. */
export function passwordProblem(password: string, minPasswordLength: number, field: string[]): UserError | undefined {
  if ([...password].length >= minPasswordLength && password.length <= PASSWORD_MAX_LENGTH) return undefined;
  return userError(IdentityErrorCode.WEAK_PASSWORD, `Use a password of ${minPasswordLength} to ${PASSWORD_MAX_LENGTH} characters.`, field);
}

/** Every problem with a sign-up's input at once, each naming its field. */
export function validateSignUp(input: { email: string; password: string; name: string }, minPasswordLength: number): UserError[] {
  const errors: UserError[] = [];
  const badEmail = emailProblem(input.email, ['input', 'email']);
  if (badEmail) errors.push(badEmail);
  const weakPassword = passwordProblem(input.password, minPasswordLength, ['input', 'password']);
  if (weakPassword) errors.push(weakPassword);
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) {
    errors.push(userError(IdentityErrorCode.INVALID_NAME, 'Enter a name of 1 to 100 characters.', ['input', 'name']));
  }
  return errors;
}
