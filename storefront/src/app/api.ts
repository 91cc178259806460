import type { OperationTypes } from './generated/operations.js';
import { graphqlErrorMessage, userErrorMessage } from './messages.js';
import { operationBody, type OperationName } from './operations.js';

/** A GraphQL error (or no answer at all), already worded for the shopper. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface UserError {
  code: string;
  message: string;
  field?: string[] | null;
}

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: unknown; retryAfterSeconds?: unknown; requestId?: unknown };
}

/** An operation's answer (`data`), as generated from the schema and the operation's selection. */
type ResultOf<N extends OperationName> = OperationTypes[N]['result'];

/** The variables an operation declares, as generated from its definition. */
type VariablesOf<N extends OperationName> = OperationTypes[N]['variables'];

/** The variables argument: optional when the operation declares no required variable. */
type VariablesArgument<N extends OperationName> = Record<string, never> extends VariablesOf<N> ? [variables?: VariablesOf<N>] : [variables: VariablesOf<N>];

/** Sends one client operation; its name selects both the variables it takes and the answer's type. */
export type Api = <N extends OperationName>(name: N, ...variables: VariablesArgument<N>) => Promise<ResultOf<N>>;

/**
 * Runs contract operations against the gateway. `credentials: 'include'` sends and stores the
 * HttpOnly session cookie across origins; the script never sees the token.
 */
export function createApi(gatewayUrl: string): Api {
  return async function run<N extends OperationName>(name: N, ...[variables = {}]: VariablesArgument<N>): Promise<ResultOf<N>> {
    let response: Response;
    try {
      response = await fetch(gatewayUrl, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operationName: name, query: operationBody(name), variables }),
      });
    } catch {
      throw apiError({ extensions: { code: 'NETWORK_ERROR' } });
    }
    // Typed as the operation's generated answer: the gateway validated the operation against the schema the types come from.
    let body: { data?: ResultOf<N> | null; errors?: GraphQLErrorBody[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw apiError({ extensions: { code: response.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL_SERVER_ERROR' } });
    }
    const first = body.errors?.[0];
    if (first) throw apiError(first);
    if (body.data == null) throw apiError({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    return body.data;
  };
}

function apiError(error: GraphQLErrorBody): ApiError {
  const extensions = error.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  const message = graphqlErrorMessage({
    code,
    message: error.message ?? '',
    ...(typeof extensions.retryAfterSeconds === 'number' ? { retryAfterSeconds: extensions.retryAfterSeconds } : {}),
    ...(typeof extensions.requestId === 'string' ? { requestId: extensions.requestId } : {}),
  });
  return new ApiError(code, message);
}

/** The payload's `errors` entries as sentences. */
export function describeUserErrors(errors: readonly UserError[]): string[] {
  return errors.map(userErrorMessage);
}
