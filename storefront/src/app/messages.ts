/**
 * What the shopper reads for each code the API can answer with. docs/api.md lists the codes;
 * a test checks every listed code has a sentence here, so a new code cannot slip past the
 * storefront as a raw identifier.
 */

/** Codes of `errors: [UserError!]!` entries in mutation payloads (expected outcomes). */
export const USER_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  VARIANT_NOT_FOUND: 'That product option no longer exists.',
  INVALID_QUANTITY: 'Please choose a valid quantity.',
  CART_LINE_LIMIT: 'Your cart is full: it holds as many different items as it can.',
  CART_LINE_NOT_FOUND: 'That item is no longer in your cart.',
  CART_VERSION_CONFLICT: 'Your cart changed on another device. We have reloaded it; please try again.',
  CART_READ_ONLY: 'An order for this cart is being paid, so the cart cannot change now. If the payment is declined or the order cancelled, the cart is yours again.',
  NOT_ENOUGH_STOCK: 'Not enough in stock.',
  INVALID_CREDENTIALS: 'That email and password do not match an account.',
  EMAIL_TAKEN: 'An account with this email already exists. Try signing in.',
  WEAK_PASSWORD: 'Please choose a longer password.',
  INVALID_EMAIL: 'Please enter a valid email address.',
  INVALID_NAME: 'Please enter your name.',
  INVALID_PRICE: 'That price is not valid.',
  PRICE_CONFLICT: 'The price changed meanwhile; please reload.',
  CART_EMPTY: 'Your cart is empty.',
  CART_NOT_ACTIVE: 'This cart has already been checked out or merged.',
  CART_CHANGED: 'Your cart changed while you were checking out. Please review it and place the order again.',
  ORDER_IN_PROGRESS: 'An order for this cart is already being paid. Please finish or cancel that payment first.',
  ORDER_TOO_LARGE: 'This order has too many different items to place at once.',
  VARIANT_UNAVAILABLE: 'An item in your cart is no longer available.',
  OUT_OF_STOCK: 'An item in your cart is out of stock.',
  INVALID_ADDRESS: 'Please check the shipping address.',
  UNKNOWN_SHIPPING_METHOD: 'Please choose a shipping method.',
  COUNTRY_NOT_SERVED: 'This shipping method does not deliver to that country.',
  INVALID_PAYMENT_TOKEN: 'That payment method was not accepted.',
  PAYMENT_DECLINED: 'Your card was declined. Nothing was charged.',
  INVALID_IDEMPOTENCY_KEY: 'The order could not be submitted. Please try again.',
  IDEMPOTENCY_KEY_REUSED: 'This order was already submitted with other details. Please try again.',
  ORDER_NOT_FOUND: 'There is no such order in your account.',
  ORDER_STATE_CONFLICT: 'This order has moved on and can no longer be changed that way. Here it is as it stands now.',
  PAYMENT_IN_PROGRESS: 'The payment is still being processed. Please try again in a minute or two.',
  // The account pages' (clients/operations/accounts.graphql); ADDRESS_NOT_FOUND is also placeOrder's.
  INVALID_LINK: 'This link has been used already, has expired or is incomplete. Please ask for a new one.',
  EMAIL_UNCHANGED: 'That is your email address already.',
  EMAIL_ALREADY_VERIFIED: 'Your email address is confirmed already.',
  ADDRESS_NOT_FOUND: 'That saved address no longer exists; it may have been removed on another device.',
  ADDRESS_LIMIT_REACHED: 'Your address book is full.',
};

/**
 * Where a code reads differently by the input field it names (the last segment of `field`): the
 * account pages reuse sign-in's and sign-up's codes for other forms, where their sentences
 * ("try signing in") would mislead.
 */
const USER_ERROR_MESSAGES_BY_FIELD: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // changePassword's and changeEmail's password check; sign-in's names no field.
  INVALID_CREDENTIALS: { currentPassword: 'That is not your current password.', password: 'That is not your password.' },
  // changeEmail's check, and verifyEmail's when another account took the address meanwhile.
  EMAIL_TAKEN: { newEmail: 'Another account uses that email address.', token: 'Another account uses that email address by now, so yours was not changed.' },
};

/** The address fields as the forms label them, so INVALID_ADDRESS can say which one is wrong. */
const ADDRESS_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'the full name',
  line1: 'the first address line',
  line2: 'address line 2',
  city: 'the city',
  postalCode: 'the postal code',
  countryCode: 'the country code (two letters, such as US)',
};

/** `extensions.code` of GraphQL errors (everything that is not an expected outcome). */
export const GRAPHQL_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  // A password or email change needs a recent sign-in; the account page links to sign-in and back.
  REAUTHENTICATION_REQUIRED: 'For your security, please sign in again before making this change.',
  FORBIDDEN: 'Your account may not do this.',
  TOO_MANY_ATTEMPTS: 'Too many attempts.',
  NOT_IMPLEMENTED: 'This part of the shop is not open yet.',
  BAD_USER_INPUT: 'The shop did not accept that request.',
  SERVICE_UNAVAILABLE: 'Part of the shop is not answering right now. Nothing was changed; please try again shortly.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side.',
  GRAPHQL_PARSE_FAILED: 'The shop could not read this request.',
  GRAPHQL_VALIDATION_FAILED: 'The shop could not read this request.',
  BAD_REQUEST: 'The shop could not read this request.',
  PAYLOAD_TOO_LARGE: 'That request was too large.',
  PERSISTED_QUERY_NOT_FOUND: 'The shop could not read this request.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'The shop could not read this request.',
  OPERATION_RESOLUTION_FAILURE: 'The shop could not read this request.',
  // The storefront sends only manifest operations; these mean it and the gateway disagree on the manifest.
  TRUSTED_DOCUMENT_REQUIRED: 'This version of the shop is out of date. Please reload the page.',
  TRUSTED_DOCUMENT_NOT_FOUND: 'This version of the shop is out of date. Please reload the page.',
  QUERY_TOO_DEEP: 'That request asks for too much at once.',
  QUERY_TOO_MANY_ALIASES: 'That request asks for too much at once.',
  QUERY_TOO_MANY_ROOT_FIELDS: 'That request asks for too much at once.',
  QUERY_TOO_MANY_DIRECTIVES: 'That request asks for too much at once.',
  QUERY_TOO_MANY_TOKENS: 'That request asks for too much at once.',
  QUERY_TOO_COMPLEX: 'That request asks for too much at once.',
  /** Not from the API: the gateway did not answer at all (offline, refused by CORS). */
  NETWORK_ERROR: 'The shop cannot be reached. Check your connection and try again.',
};

/** Codes whose server message carries numbers the shopper needs ("the line holds 3"). */
const KEEP_SERVER_MESSAGE = new Set(['NOT_ENOUGH_STOCK', 'INVALID_QUANTITY', 'WEAK_PASSWORD', 'CART_LINE_LIMIT', 'OUT_OF_STOCK', 'BAD_USER_INPUT', 'ADDRESS_LIMIT_REACHED']);

/** One payload `errors` entry as a sentence. */
export function userErrorMessage(error: { code: string; message: string; field?: readonly string[] | null }): string {
  const field = error.field?.at(-1);
  const byField = field ? USER_ERROR_MESSAGES_BY_FIELD[error.code]?.[field] : undefined;
  if (byField) return byField;
  const known = USER_ERROR_MESSAGES[error.code];
  if (!known) return error.message;
  if (error.code === 'INVALID_ADDRESS' && field && ADDRESS_FIELD_LABELS[field]) return `${known.replace(/\.$/, '')}: ${ADDRESS_FIELD_LABELS[field]}.`;
  return KEEP_SERVER_MESSAGE.has(error.code) && error.message ? `${known} ${error.message}` : known;
}

/** One GraphQL error as a sentence, with the retry delay or the request id when it has one. */
export function graphqlErrorMessage(error: { code: string; message: string; retryAfterSeconds?: number; requestId?: string }): string {
  const known = GRAPHQL_ERROR_MESSAGES[error.code] ?? 'Something went wrong.';
  if (error.code === 'TOO_MANY_ATTEMPTS' && error.retryAfterSeconds !== undefined) {
    return `${known} Please try again in ${formatWait(error.retryAfterSeconds)}.`;
  }
  if (error.code === 'INTERNAL_SERVER_ERROR' && error.requestId) return `${known} If it persists, quote reference ${error.requestId}.`;
  if (KEEP_SERVER_MESSAGE.has(error.code) && error.message) return `${known} ${error.message}`;
  return known;
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
