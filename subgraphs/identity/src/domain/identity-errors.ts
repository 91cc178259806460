export const IdentityErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_EMAIL: 'INVALID_EMAIL',
  INVALID_NAME: 'INVALID_NAME',
} as const;

/** One message for an unknown email and a wrong password: the answer must not reveal accounts. */
export const INVALID_CREDENTIALS_MESSAGE = 'Email or password is incorrect.';
