import { outcomeOf, type CheckOutcome } from './findings.js';

export const COMPOSE_FIX = 'npm run compose';

/** The committed supergraph.graphql must be byte-equal to a fresh composition: it is what the gateway serves. */
export function checkFreshness(committedSdl: string | undefined, composedSdl: string, path = 'supergraph.graphql'): CheckOutcome {
  if (committedSdl === undefined) {
    return outcomeOf('freshness', [
      { check: 'freshness', severity: 'error', code: 'SUPERGRAPH_MISSING', message: `${path} does not exist`, fix: `run \`${COMPOSE_FIX}\` and commit ${path}` },
    ]);
  }
  if (committedSdl !== composedSdl) {
    return outcomeOf('freshness', [
      {
        check: 'freshness',
        severity: 'error',
        code: 'SUPERGRAPH_STALE',
        message: `${path} differs from the composition of the subgraphs' schema.graphql files`,
        fix: `run \`${COMPOSE_FIX}\` and commit ${path}`,
      },
    ]);
  }
  return outcomeOf('freshness', []);
}
