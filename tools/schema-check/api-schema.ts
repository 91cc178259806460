import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The client-facing schema of a supergraph (no join__/link__ machinery, no @inaccessible
 * elements), rebuilt from its SDL so that it belongs to the same graphql module instance as
 * `validate` and `findBreakingChanges` (federation-internals may load another copy).
 * The rebuilt schema keeps its AST, which the lint needs to tell `@deprecated` from
 * `@deprecated(reason: ...)`.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}
