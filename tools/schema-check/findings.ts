/** The checks `npm run schema:check` runs, in report order. */
export const CHECKS = {
  composition: 'Composition',
  freshness: 'Committed supergraph is fresh',
  'breaking-changes': 'Breaking changes against the baseline',
  operations: 'Client operations validate',
  'operation-limits': "Client operations are within the gateway's operation limits",
  lint: 'Schema lint',
  manifest: 'Persisted-operations manifest is fresh',
  'client-types': "Storefront's generated operation types are fresh",
  'resolver-types': "Subgraphs' generated resolver types are fresh",
} as const;

export type CheckId = keyof typeof CHECKS;

/** `error` fails the check; `warning` is shown and passes; `info` is context. */
export type Severity = 'error' | 'warning' | 'info';

/** One thing a check has to say, attached to a schema coordinate (`Cart.lines`) when it has one. */
export interface Finding {
  readonly check: CheckId;
  readonly severity: Severity;
  readonly message: string;
  /** A schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`). */
  readonly coordinate?: string;
  /** A machine-readable code: a hint or error code, a breaking-change type, a lint rule. */
  readonly code?: string;
  /** The command or edit that fixes it. */
  readonly fix?: string;
}

/** How one check went: skipped when an earlier check left it nothing to check. */
export interface CheckOutcome {
  readonly check: CheckId;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** One line of context, e.g. which baseline the schema was compared against. */
  readonly note?: string;
  readonly findings: readonly Finding[];
}

/** Everything the report renders. */
export interface SchemaCheckReport {
  readonly ok: boolean;
  readonly outcomes: readonly CheckOutcome[];
}

export function outcomeOf(check: CheckId, findings: readonly Finding[], note?: string): CheckOutcome {
  const failed = findings.some((finding) => finding.severity === 'error');
  return { check, status: failed ? 'failed' : 'passed', findings, ...(note === undefined ? {} : { note }) };
}

export function skipped(check: CheckId, note: string): CheckOutcome {
  return { check, status: 'skipped', note, findings: [] };
}
