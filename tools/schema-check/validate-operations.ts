import { validate, type GraphQLSchema } from 'graphql';
import { outcomeOf, type CheckOutcome, type Finding } from './findings.js';
import type { ClientOperation } from './operations.js';

/**
 * Every client operation must validate against the new API schema: clients stay in the field
 * for months, so an operation that stops validating is an outage, whatever the diff says.
 */
export function checkOperations(schema: GraphQLSchema, operations: readonly ClientOperation[], collectFindings: readonly Finding[]): CheckOutcome {
  const findings: Finding[] = [...collectFindings];
  for (const operation of operations) {
    for (const error of validate(schema, operation.document)) {
      const line = error.locations?.[0]?.line;
      findings.push({
        check: 'operations',
        severity: 'error',
        code: 'OPERATION_INVALID',
        message: `operation ${operation.name} (${operation.file}${line === undefined ? '' : `:${line}`}): ${error.message}`,
      });
    }
  }
  return outcomeOf('operations', findings, `${operations.length} operations`);
}
