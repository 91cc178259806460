import { codedError, ErrorCode } from '@shopgraph/shared';
import type { GraphQLError } from 'graphql';
import type { OperationMeasures } from './measure-operation.js';

/** The most an operation may ask for; every limit is checked before any subgraph is called. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** The size the cost assumes for a list with no `first`/`last` argument. */
  defaultListSize: number;
}

/**
 * graphql-armor's defaults (aliases 15, tokens 1000, directives 50, cost 5000), stricter where
 * it is lenient: `__typename` aliases count, and list sizes multiply the cost.
 * graphql-armor has no root-field limit; 5 leaves the contract's single-field operations room.
 *
 * Depth is 8, not graphql-armor's 6: a mutation's payload wraps what it changed, so the
 * contract's cart mutations (payload, cart, lines, variant, price, amount) are 6 deep as
 * written, and at 6 a client could not add one field to them. 8 leaves them 2 levels; deep
 * hostile nesting (variants, product, variants, …) is still refused, and its cost with it.
 */
export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  maxDepth: 8,
  maxAliases: 15,
  maxRootFields: 5,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 5000,
  defaultListSize: 10,
});

/** Each measured limit: the measure it reads, its setting, its error code and how it is named to clients. */
const CHECKS = [
  { measure: 'depth', limit: 'maxDepth', code: ErrorCode.QUERY_TOO_DEEP, what: 'depth' },
  { measure: 'aliases', limit: 'maxAliases', code: ErrorCode.QUERY_TOO_MANY_ALIASES, what: 'number of aliases' },
  { measure: 'rootFields', limit: 'maxRootFields', code: ErrorCode.QUERY_TOO_MANY_ROOT_FIELDS, what: 'number of root fields' },
  { measure: 'directives', limit: 'maxDirectives', code: ErrorCode.QUERY_TOO_MANY_DIRECTIVES, what: 'number of directives' },
  { measure: 'cost', limit: 'maxCost', code: ErrorCode.QUERY_TOO_COMPLEX, what: 'cost' },
] as const satisfies readonly { measure: keyof OperationMeasures; limit: keyof OperationLimits; code: ErrorCode; what: string }[];

/** The errors for every limit the measures break (none: the operation may run). */
export function limitViolations(measures: OperationMeasures, limits: OperationLimits): GraphQLError[] {
  return CHECKS.filter((check) => measures[check.measure] > limits[check.limit]).map((check) =>
    limitError(check.code, check.measure, `The operation's ${check.what} is ${measures[check.measure]}; the limit is ${limits[check.limit]}.`, {
      maximum: limits[check.limit],
      found: measures[check.measure],
    }),
  );
}

export function tooManyTokensError(limits: OperationLimits): GraphQLError {
  return limitError(ErrorCode.QUERY_TOO_MANY_TOKENS, 'tokens', `The document has more than ${limits.maxTokens} tokens.`, { maximum: limits.maxTokens });
}

/** `extensions.limit` names the limit broken, `maximum` its setting, `found` what the operation asked. */
function limitError(code: ErrorCode, limit: keyof OperationMeasures | 'tokens', message: string, numbers: { maximum: number; found?: number }): GraphQLError {
  // `http` is read and stripped by Apollo Server: a refused operation is a bad request.
  return codedError(code, message, { limit, ...numbers, http: { status: 400 } });
}
