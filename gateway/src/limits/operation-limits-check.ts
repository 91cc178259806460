import type { AdmissionCheck } from '../admission/operation-admission.js';
import { measureOperation } from './measure-operation.js';
import { limitViolations, type OperationLimits } from './operation-limits.js';

/**
 * Refuses an operation past any measured limit (depth, aliases, root fields, directives, cost).
 * Measured once the document is parsed and validated: after admission Apollo plans the query
 * and calls subgraphs, so a refusal here costs no subgraph call.
 *
 * Not validation rules: Apollo Server re-codes every validation error as
 * GRAPHQL_VALIDATION_FAILED, and the cost needs the request's variables (`first: $first`),
 * which validation never sees.
 */
export function createOperationLimitsCheck(limits: OperationLimits): AdmissionCheck {
  return ({ schema, document, operation, request }) => {
    // No operation to run: execution answers that, and there is nothing to measure.
    if (!operation) return;
    const measures = measureOperation(schema, document, operation, request.variables ?? {}, { defaultListSize: limits.defaultListSize });
    const [first] = limitViolations(measures, limits);
    if (first) throw first;
  };
}
