import { countTokens, DEFAULT_OPERATION_LIMITS, measureOperation, type OperationLimits } from '@shopgraph/gateway';
import { Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { outcomeOf, type CheckOutcome, type Finding } from './findings.js';
import type { ClientOperation } from './operations.js';

/**
 * A page-size variable a client leaves to the request (`first: $first`) is measured at the
 * largest page the API serves (catalog's `first` is at most 100): the worst case a client
 * may send, so an operation that passes here is never refused for its cost in production.
 */
export const WORST_CASE_PAGE_SIZE = 100;

/**
 * Measures every client operation as the gateway does and fails when one would be refused
 * by the production limits; each operation's measures are reported either way.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  operations: readonly ClientOperation[],
  limits: OperationLimits = DEFAULT_OPERATION_LIMITS,
): CheckOutcome {
  const findings: Finding[] = [];
  let highestCost = 0;
  for (const operation of operations) {
    const definition = operation.document.definitions.find((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
    if (!definition) continue;
    const measures = {
      ...measureOperation(schema, operation.document, definition, {}, { defaultListSize: limits.defaultListSize, unsetSlicingSize: WORST_CASE_PAGE_SIZE }),
      // Counted in full (not stopped at the limit), so the report shows the real number.
      tokens: countTokens(operation.body, Number.MAX_SAFE_INTEGER) ?? 0,
    };
    highestCost = Math.max(highestCost, measures.cost);
    const over = LIMITED.filter(([measure, limit]) => measures[measure] > limits[limit]);
    const summary = LIMITED.map(([measure, limit]) => `${measure} ${measures[measure]}/${limits[limit]}`).join(', ');
    findings.push({
      check: 'operation-limits',
      severity: over.length > 0 ? 'error' : 'info',
      code: over.length > 0 ? 'OPERATION_OVER_LIMITS' : 'OPERATION_MEASURED',
      message: `operation ${operation.name}: ${summary}${over.length > 0 ? `; over the limit: ${over.map(([measure]) => measure).join(', ')}` : ''}`,
      ...(over.length > 0 ? { fix: 'select less (fewer fields, smaller pages, fewer aliases), or raise the limit in gateway/src/limits/operation-limits.ts with a reason' } : {}),
    });
  }
  return outcomeOf('operation-limits', findings, `${operations.length} operations, highest cost ${highestCost} of ${limits.maxCost}`);
}

const LIMITED = [
  ['cost', 'maxCost'],
  ['depth', 'maxDepth'],
  ['aliases', 'maxAliases'],
  ['rootFields', 'maxRootFields'],
  ['directives', 'maxDirectives'],
  ['tokens', 'maxTokens'],
] as const;
