import { CHECKS, type Finding, type SchemaCheckReport } from './findings.js';

const STATUS = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' } as const;

/** The Markdown summary for a CI comment or job summary: a status table, then every finding. */
export function renderMarkdown(report: SchemaCheckReport): string {
  const lines = [`## Schema check: ${report.ok ? 'passed' : 'failed'}`, '', '| Check | Status | Notes |', '| --- | --- | --- |'];
  for (const outcome of report.outcomes) {
    lines.push(`| ${CHECKS[outcome.check]} | ${STATUS[outcome.status]} | ${cell(outcome.note ?? '')} |`);
  }
  for (const outcome of report.outcomes) {
    if (outcome.findings.length === 0) continue;
    lines.push('', `### ${CHECKS[outcome.check]}`, '');
    const visible = outcome.findings.filter((finding) => finding.severity !== 'info');
    const context = outcome.findings.filter((finding) => finding.severity === 'info');
    for (const finding of visible) lines.push(item(finding));
    if (context.length > 0) {
      lines.push('', `<details><summary>${context.length} more (safe changes, allowed changes, known exceptions)</summary>`, '');
      for (const finding of context) lines.push(item(finding));
      lines.push('', '</details>');
    }
  }
  return `${lines.join('\n')}\n`;
}

function item(finding: Finding): string {
  const icon = finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️';
  // The coordinate leads the line only when the message does not already name it.
  const coordinate = finding.coordinate && !finding.message.includes(finding.coordinate) ? `\`${finding.coordinate}\` ` : '';
  const fix = finding.fix ? ` Fix: ${finding.fix}.` : '';
  return `- ${icon} ${coordinate}${escape(finding.message)}${fix}`;
}

function cell(text: string): string {
  return escape(text).replace(/\|/g, '\\|');
}

function escape(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
