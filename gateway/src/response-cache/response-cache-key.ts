import * as importedGraphql from 'graphql';
import type { GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { createRequire } from 'node:module';

/*
 * graphql-js tells types apart with `instanceof`, so variables must be coerced by the copy of
 * graphql that built the schema. @apollo/gateway builds it with the CommonJS copy, which is
 * also what Node hands an ES module importing graphql (the package has no exports map); a
 * bundler, vitest's included, may hand this module the ESM copy instead. Both are offered and
 * the schema's own is used.
 */
const graphqlCopies = [importedGraphql, createRequire(import.meta.url)('graphql') as typeof importedGraphql];

export interface CacheKeyRequest {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  operationName: string | null | undefined;
  /** A hash of the whole document's text (Apollo has always set it by now; without it, nothing is keyed). */
  queryHash: string | undefined;
  /** The variables as the client sent them. */
  variables: Record<string, unknown> | undefined;
}

/**
 * The key of a public answer: the document, the operation, and the variables the operation
 * declares, coerced as execution will coerce them (defaults applied, `7` for an `ID` read as
 * `"7"`, one value for a list read as a list of one) and written with sorted keys. What the
 * operation does not declare never reaches a subgraph, so it must not make another entry:
 * otherwise any client could fill the cache, and push every useful answer out, with junk
 * variables. Undefined when the variables do not coerce: the request fails as a whole, so
 * there is nothing to look up or keep.
 */
export function responseCacheKey({ schema, operation, operationName, queryHash, variables }: CacheKeyRequest): string | undefined {
  const copy = graphqlCopies.find((candidate) => schema instanceof candidate.GraphQLSchema);
  if (!copy || queryHash === undefined) return undefined;
  const coercion = copy.getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coercion.errors) return undefined;
  return `${queryHash}\u0000${operationName ?? ''}\u0000${canonicalJson(coercion.coerced)}`;
}

/** JSON with every object's keys sorted, so the order a client wrote them in does not matter. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
