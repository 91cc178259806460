import { composeSubgraphSdl, type CompositionIssue, type SubgraphSource } from '../compose/compose-subgraphs.js';
import { outcomeOf, type CheckOutcome, type Finding } from './findings.js';

export interface CompositionStep {
  /** The composed supergraph, when composition succeeded. */
  readonly supergraphSdl?: string;
  readonly outcome: CheckOutcome;
}

/** Composes the subgraphs; errors fail, hints are reported and fail only when their code is listed. */
export function checkComposition(subgraphs: readonly SubgraphSource[], failOnHints: readonly string[]): CompositionStep {
  const result = composeSubgraphSdl(subgraphs);
  const hintFindings = result.hints.map((hint) => finding(hint, failOnHints.includes(hint.code) ? 'error' : 'warning', 'hint'));
  const note = `${subgraphs.length} subgraphs: ${subgraphs.map((subgraph) => subgraph.name).join(', ')}`;
  if (!result.ok) {
    const errors = result.errors.map((error) => finding(error, 'error', 'error'));
    return { outcome: outcomeOf('composition', [...errors, ...hintFindings], note) };
  }
  return { supergraphSdl: result.supergraphSdl, outcome: outcomeOf('composition', hintFindings, note) };
}

function finding(issue: CompositionIssue, severity: 'error' | 'warning', kind: 'error' | 'hint'): Finding {
  const where = issue.subgraphs.length > 0 ? ` (subgraphs: ${issue.subgraphs.join(', ')})` : '';
  const listed = kind === 'hint' && severity === 'error' ? ' [listed in failOnHints]' : '';
  return {
    check: 'composition',
    severity,
    code: issue.code,
    message: `${kind} ${issue.code}${where}: ${issue.message}${listed}`,
    ...(issue.coordinate === undefined ? {} : { coordinate: issue.coordinate }),
  };
}
