import { readFileSync } from 'node:fs';

/** The lint rules; each can list coordinates that are known exceptions (see docs/schema-changes.md). */
export const LINT_RULES = ['description', 'naming', 'deprecation-reason', 'mutation-errors'] as const;
export type LintRule = (typeof LINT_RULES)[number];

/** The schema check's settings, read once from tools/schema-check/schema-check.config.json. */
export interface SchemaCheckConfig {
  /** The branch whose merge base with HEAD holds the baseline supergraph. */
  readonly mainBranch: string;
  /** Composition hint codes that fail the check (other hints are printed only). */
  readonly failOnHints: readonly string[];
  /** Where the Markdown summary goes, relative to the repository root. */
  readonly summaryPath: string;
  /** The folder of client operations (*.graphql), relative to the repository root. */
  readonly operationsDir: string;
  /** The committed persisted-operations manifest, relative to the repository root. */
  readonly manifestPath: string;
  /**
   * Coordinates a lint rule lets through, so that the check can be switched on before every
   * old violation is fixed; a new violation still fails. Listed ones that pass are reported.
   */
  readonly lintExceptions: Readonly<Record<LintRule, readonly string[]>>;
}

export const CONFIG_PATH = 'tools/schema-check/schema-check.config.json';

export const DEFAULT_CONFIG: SchemaCheckConfig = Object.freeze({
  mainBranch: 'main',
  failOnHints: [],
  summaryPath: '.cache/schema-check/summary.md',
  operationsDir: 'clients/operations',
  manifestPath: 'clients/operations/manifest.json',
  lintExceptions: { description: [], naming: [], 'deprecation-reason': [], 'mutation-errors': [] },
});

/**
 * Validates a parsed config file against the defaults and freezes it. Throws naming every bad
 * key, so a typo in a hint code or a rule name stops the check instead of silently passing.
 */
export function parseConfig(raw: unknown, knownHintCodes: ReadonlySet<string>): SchemaCheckConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('schema-check config: expected a JSON object');
  const input = raw as Record<string, unknown>;
  const problems: string[] = [];
  const known = new Set([...Object.keys(DEFAULT_CONFIG), '$comment']);
  for (const key of Object.keys(input)) if (!known.has(key)) problems.push(`unknown key "${key}"`);

  const text = (key: 'mainBranch' | 'summaryPath' | 'operationsDir' | 'manifestPath'): string => {
    const value = input[key] ?? DEFAULT_CONFIG[key];
    if (typeof value === 'string' && value.length > 0) return value;
    problems.push(`"${key}" must be a non-empty string`);
    return DEFAULT_CONFIG[key];
  };
  const strings = (value: unknown, where: string): string[] => {
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    problems.push(`"${where}" must be an array of strings`);
    return [];
  };

  const failOnHints = strings(input.failOnHints ?? [], 'failOnHints');
  for (const code of failOnHints) if (!knownHintCodes.has(code)) problems.push(`"failOnHints": unknown hint code ${code}`);

  const exceptionsInput = input.lintExceptions ?? {};
  const lintExceptions: Record<LintRule, readonly string[]> = { ...DEFAULT_CONFIG.lintExceptions };
  if (typeof exceptionsInput !== 'object' || exceptionsInput === null || Array.isArray(exceptionsInput)) {
    problems.push('"lintExceptions" must be an object of rule name to coordinates');
  } else {
    for (const [rule, coordinates] of Object.entries(exceptionsInput)) {
      if (!(LINT_RULES as readonly string[]).includes(rule)) problems.push(`"lintExceptions": unknown rule "${rule}" (rules: ${LINT_RULES.join(', ')})`);
      else lintExceptions[rule as LintRule] = Object.freeze(strings(coordinates, `lintExceptions.${rule}`));
    }
  }

  const config: SchemaCheckConfig = {
    mainBranch: text('mainBranch'),
    failOnHints: Object.freeze(failOnHints),
    summaryPath: text('summaryPath'),
    operationsDir: text('operationsDir'),
    manifestPath: text('manifestPath'),
    lintExceptions: Object.freeze(lintExceptions),
  };
  if (problems.length > 0) throw new Error(`schema-check config is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return Object.freeze(config);
}

/** Reads and validates the config file. */
export function loadConfig(path: string, knownHintCodes: ReadonlySet<string>): SchemaCheckConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`schema-check config ${path} cannot be read: ${(error as Error).message}`);
  }
  return parseConfig(raw, knownHintCodes);
}
