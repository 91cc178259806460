import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { GatewayContext } from '../context.js';

/** What a check sees: the request once its document is parsed, validated and its operation chosen. */
export type AdmissionRequest = GraphQLRequestContextDidResolveOperation<GatewayContext>;

/** Refuses an operation by throwing its coded error; returns when the operation may go on. */
export type AdmissionCheck = (request: AdmissionRequest) => void;

/**
 * Runs the checks that may refuse an operation, in the order given, before anything else
 * looks at the document. Apollo calls every plugin's `didResolveOperation` together, so a
 * refusal thrown in one plugin does not stop another's walk; the request lifecycle calls
 * `admit` first instead, and nothing else walks a document that was refused.
 */
export function createOperationAdmission(checks: readonly AdmissionCheck[]): AdmissionCheck {
  return (request) => {
    for (const check of checks) check(request);
  };
}
