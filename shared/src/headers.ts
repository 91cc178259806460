/** HTTP header and cookie names shared by the gateway and the subgraphs. */
export const HEADER_INTERNAL_CONTEXT = 'x-shopgraph-context';
export const HEADER_REQUEST_ID = 'x-request-id';

/**
 * A client's key for one attempt of a mutation, sent again unchanged when the client (or a
 * proxy) retries it: a change that already landed under the key is not made twice. The
 * gateway passes it on to subgraphs under the same name.
 */
export const HEADER_IDEMPOTENCY_KEY = 'idempotency-key';
/** What a key may look like: a UUID, or any other 8 to 128 URL-safe characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * The web session cookie. `__Host-` makes browsers insist on Secure, Path=/ and no Domain,
 * so no subdomain can plant or read it.
 */
export const SESSION_COOKIE_NAME = '__Host-shopgraph-session';

/**
 * On identity's responses to the gateway only: the session change an operation made (a new
 * token, a sign-out), as JSON. The gateway applies it to the client's cookie; it is never
 * forwarded to a client.
 */
export const HEADER_SESSION_CHANGE = 'x-shopgraph-session-change';

/**
 * On gateway responses to bearer clients: a refreshed session token (same session, later
 * issue time) that replaces the one sent. Clients that adopt it stay signed in while active;
 * web clients get the same through their cookie.
 */
export const HEADER_REFRESHED_SESSION_TOKEN = 'x-shopgraph-session-token';

/**
 * On a subgraph's response to the gateway: this request gave an anonymous session its first
 * state (a cart line), so the session deserves a durable record. Anonymous visitors who only
 * browse never cause one.
 */
export const HEADER_SESSION_HOLDS_STATE = 'x-shopgraph-session-holds-state';

/**
 * On calls one service makes to another in its own name (checkout to cart, catalog to
 * checkout): a token signed with the calling service's own key. See service-token.ts.
 */
export const HEADER_SERVICE_TOKEN = 'x-shopgraph-service-token';
