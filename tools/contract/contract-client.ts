import type { OperationTypes } from '../../storefront/src/app/generated/operations.js';
import { contractOperation } from './contract-operation.js';

/** A name of an operation in the client contract (clients/operations/). */
export type ContractOperationName = keyof OperationTypes;

/** What one GraphQL POST answered: `ok` is HTTP 2xx with no GraphQL error; `text` is the body as sent, for an error message. */
export interface GraphqlAnswer<T> {
  status: number;
  headers: Headers;
  ok: boolean;
  text: string;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request from a tool's own set-up and checks (a benchmark's, not its measured load). */
export async function postGraphql<T>(
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: Pick<GraphqlAnswer<T>, 'data' | 'errors'> = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not JSON: reported through `ok` and `text`.
  }
  return { status: response.status, headers: response.headers, ok: response.ok && !parsed.errors?.length, text, ...parsed };
}

/**
 * Sends one operation of the client contract exactly as the reference clients send it (so
 * trusted documents accept it), with its variables and answer typed from the same generated
 * types the storefront uses: an operation that changes shape fails the tools' typecheck.
 */
export function sendContractOperation<N extends ContractOperationName>(
  url: string,
  name: N,
  variables: OperationTypes[N]['variables'],
  headers: Record<string, string> = {},
): Promise<GraphqlAnswer<OperationTypes[N]['result']>> {
  return postGraphql(url, { query: contractOperation(name), variables, operationName: name }, headers);
}
