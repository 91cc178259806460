import { buildSchema, execute, Kind, type DocumentNode, type ExecutionResult } from 'graphql';
import type { CartMergeResult } from './cart-hand-over.js';

/**
 * The part of the API the gateway itself fills in: `cartMerge` on the sign-in payloads. Identity
 * declares the field (so the schema composes and documents it) and answers null; the hand-over
 * happens after identity answers, in the gateway, which then writes the report into the
 * response. Executing the client's own document against this small schema gives exactly the
 * shape the client asked for (aliases, fragments, @skip/@include); every field this schema does
 * not know is skipped by the executor, so nothing else in the response is touched.
 */
const CART_MERGE_SCHEMA = buildSchema(/* GraphQL */ `
  type Query { unused: Boolean }
  type Mutation { signIn: SignInPayload, signUp: SignUpPayload }
  type SignInPayload { cartMerge: CartMergeReport }
  type SignUpPayload { cartMerge: CartMergeReport }
  type CartMergeReport { status: CartMergeStatus!, linesAdded: Int!, linesCombined: Int!, capped: [CappedCartLine!]! }
  enum CartMergeStatus { MERGED NOTHING_TO_MERGE PENDING }
  type CappedCartLine { variantId: ID!, requested: Int!, kept: Int!, reason: CartMergeCapReason! }
  enum CartMergeCapReason { LINE_QUANTITY_LIMIT CART_LINE_LIMIT STOCK }
`);

/**
 * Writes `report` into `data` wherever the operation selected cartMerge under signIn or signUp.
 * Variables are left out (their input types are not in this schema); a selection of cartMerge
 * that depends on one through @skip/@include keeps identity's null.
 */
export function fillCartMerge(data: Record<string, unknown>, document: DocumentNode, operationName: string | undefined, report: CartMergeResult): void {
  const withoutVariables: DocumentNode = {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? { ...definition, variableDefinitions: [] } : definition,
    ),
  };
  const payload = { cartMerge: report };
  const result = execute({
    schema: CART_MERGE_SCHEMA,
    document: withoutVariables,
    operationName,
    rootValue: { signIn: payload, signUp: payload },
  }) as ExecutionResult;
  if (result.errors?.length || !result.data) return;
  for (const [responseKey, projected] of Object.entries(result.data)) {
    const target = data[responseKey];
    if (target && typeof target === 'object' && projected && typeof projected === 'object') Object.assign(target, projected);
  }
}
