import { GraphQLError } from 'graphql';

/**
 * The codes a client may see in a GraphQL error's `extensions.code`. The gateway passes
 * these through from subgraphs; any other error is masked as INTERNAL_SERVER_ERROR and
 * logged with the request id.
 */
export const ErrorCode = {
  /** Session-bound work without a valid session or internal context. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The session is valid but its role may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /**
   * A sensitive change (password, email) needs a recent sign-in and this session's is older
   * than the configured window (or unknown): sign in again, then retry.
   */
  REAUTHENTICATION_REQUIRED: 'REAUTHENTICATION_REQUIRED',
  /** An argument is malformed beyond what GraphQL's type system catches. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** Too many failed attempts; `extensions.retryAfterSeconds` says when to try again. */
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  /**
   * The operation asks for more than the gateway's limits allow; refused before any
   * subgraph is called. `extensions.limit` names the limit, `maximum` its setting and
   * `found` what the operation asked for.
   */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_MANY_ALIASES: 'QUERY_TOO_MANY_ALIASES',
  QUERY_TOO_MANY_ROOT_FIELDS: 'QUERY_TOO_MANY_ROOT_FIELDS',
  QUERY_TOO_MANY_DIRECTIVES: 'QUERY_TOO_MANY_DIRECTIVES',
  QUERY_TOO_MANY_TOKENS: 'QUERY_TOO_MANY_TOKENS',
  /** The operation's cost (list sizes multiplied out) is over the limit. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A `documentId` that names no document in the gateway's trusted-documents manifest. */
  TRUSTED_DOCUMENT_NOT_FOUND: 'TRUSTED_DOCUMENT_NOT_FOUND',
  /** The gateway enforces trusted documents and this operation is not one of them. */
  TRUSTED_DOCUMENT_REQUIRED: 'TRUSTED_DOCUMENT_REQUIRED',
  /** A dependency did not answer in time; retrying later may work. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes Apollo Server itself raises for malformed requests; safe to show clients. */
const APOLLO_REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

const CLIENT_VISIBLE_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  ...APOLLO_REQUEST_ERROR_CODES,
]);

/** True when an error with this code was raised on purpose and its message is meant for clients. */
export function isClientVisibleErrorCode(code: unknown): code is string {
  return typeof code === 'string' && CLIENT_VISIBLE_CODES.has(code);
}

/** A GraphQL error with a catalogued code. */
export function codedError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}
