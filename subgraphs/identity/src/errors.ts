export const IdentityErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_EMAIL: 'INVALID_EMAIL',
  INVALID_NAME: 'INVALID_NAME',
  /** An emailed link's token is unknown, used, expired or void (a reset link after a later password change): one answer for all. */
  INVALID_LINK: 'INVALID_LINK',
  /** changeEmail to the address the account has already. */
  EMAIL_UNCHANGED: 'EMAIL_UNCHANGED',
  /** verifyEmail (or resend) for an address that is verified already. */
  EMAIL_ALREADY_VERIFIED: 'EMAIL_ALREADY_VERIFIED',
  /** An address field is missing, too long, or the country code unknown; `field` names it. */
  INVALID_ADDRESS: 'INVALID_ADDRESS',
  /** No saved address of the signed-in customer has this id. */
  ADDRESS_NOT_FOUND: 'ADDRESS_NOT_FOUND',
  /** The address book holds the most addresses allowed (MAX_SAVED_ADDRESSES). */
  ADDRESS_LIMIT_REACHED: 'ADDRESS_LIMIT_REACHED',
} as const;

/** One message for an unknown email and a wrong password: the answer must not reveal accounts. */
export const INVALID_CREDENTIALS_MESSAGE = 'Email or password is incorrect.';

/** One message for every link that cannot be used, whatever the reason. */
export const INVALID_LINK_MESSAGE = 'This link is invalid, used or expired. Ask for a new one.';

/** A sign-up's email has an account already (the table's uniqueness item says so). */
export class EmailTakenError extends Error {
  constructor() {
    super('EMAIL_TAKEN');
  }
}

/**
 * DynamoDB could not do the write just now (throttled, or another transaction held an item):
 * nothing was written, and the same request may succeed later.
 */
export class StoreBusyError extends Error {
  constructor(reason: string) {
    super(`the identity table is busy: ${reason}`);
  }
}
