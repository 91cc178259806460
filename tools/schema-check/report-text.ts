import { CHECKS, type CheckOutcome, type Finding, type SchemaCheckReport } from './findings.js';

const STATUS = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;
const SEVERITY = { error: 'error  ', warning: 'warning', info: 'info   ' } as const;

/**
 * The terminal report: one line per check, then its findings. Known lint exceptions are only
 * counted unless `verbose`, so the report stays about what changed.
 */
export function renderText(report: SchemaCheckReport, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  for (const outcome of report.outcomes) {
    lines.push(`${STATUS[outcome.status]}  ${CHECKS[outcome.check]}${outcome.note ? ` (${outcome.note})` : ''}`);
    for (const finding of shown(outcome, options.verbose ?? false)) {
      lines.push(`      ${SEVERITY[finding.severity]} ${finding.message}`);
      if (finding.fix) lines.push(`              fix: ${finding.fix}`);
    }
  }
  const failed = report.outcomes.filter((outcome) => outcome.status === 'failed').length;
  lines.push('', report.ok ? 'schema:check passed' : `schema:check FAILED: ${failed} of ${report.outcomes.length} checks failed`);
  return `${lines.join('\n')}\n`;
}

function shown(outcome: CheckOutcome, verbose: boolean): readonly Finding[] {
  if (verbose || outcome.check !== 'lint') return outcome.findings;
  return outcome.findings.filter((finding) => finding.severity !== 'info');
}
