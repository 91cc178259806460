import type { OperationTypes } from '../../storefront/src/app/generated/operations.js';
import { contractOperation } from './contract-operation.js';

/** A name of an operation in the client contract (clients/operations/). */
export type ContractOperationName = keyof OperationTypes;

/** What one contract operation answered: its data typed by the generated operation types. */
export interface ContractAnswer<N extends ContractOperationName> {
  status: number;
  /** HTTP 2xx and no GraphQL error. */
  ok: boolean;
  /** The body as sent, for an error message. */
  text: string;
  data?: OperationTypes[N]['result'];
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Sends one operation of the client contract exactly as the reference clients send it (so
 * trusted documents accept it), with its variables and answer typed from the same generated
 * types the storefront uses: an operation that changes shape fails the tools' typecheck.
 */
export async function sendContractOperation<N extends ContractOperationName>(
  url: string,
  name: N,
  variables: OperationTypes[N]['variables'],
  headers: Record<string, string> = {},
): Promise<ContractAnswer<N>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: contractOperation(name), variables, operationName: name }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: Pick<ContractAnswer<N>, 'data' | 'errors'> = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not JSON: reported through `ok` and `text`.
  }
  return { status: response.status, ok: response.ok && !parsed.errors?.length, text, ...parsed };
}
