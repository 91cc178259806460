import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSubgraphSdl, type SubgraphSource } from '../../tools/compose/compose-subgraphs.js';
import {
  buildManifest,
  collectOperations,
  DEFAULT_CONFIG,
  printManifest,
  runSchemaCheck,
  type CheckId,
  type CheckOutcome,
  type OperationFile,
  type SchemaCheckConfig,
  type SchemaCheckInputs,
  type SchemaCheckReport,
} from '../../tools/schema-check/index.js';

/** Test support: runs the whole check on the fixture subgraphs, with no git and no repository files. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const NAMES = ['catalog', 'reviews'] as const;

/** The base subgraphs, with the files of `caseName` (fixtures/cases/<case>/) replacing theirs. */
export function fixtureSubgraphs(caseName?: string): SubgraphSource[] {
  return NAMES.map((name) => {
    const override = caseName === undefined ? undefined : join(FIXTURES, 'cases', caseName, `${name}.graphql`);
    const path = override !== undefined && existsSync(override) ? override : join(FIXTURES, 'base', `${name}.graphql`);
    return { name, url: `http://${name}.test/graphql`, sdl: readFileSync(path, 'utf8') };
  });
}

export function fixtureOperationFiles(): OperationFile[] {
  const folder = join(FIXTURES, 'operations');
  return readdirSync(folder).map((file) => ({ path: `fixtures/operations/${file}`, source: readFileSync(join(folder, file), 'utf8') }));
}

export function composedSdl(subgraphs: readonly SubgraphSource[]): string {
  const result = composeSubgraphSdl(subgraphs);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

export const FIXTURE_CONFIG: SchemaCheckConfig = { ...DEFAULT_CONFIG, manifestPath: 'fixtures/operations/manifest.json' };

/**
 * The check of a fixture case against the base as baseline; the committed supergraph,
 * manifest and client types are fresh unless `overrides` says otherwise, so each case shows one change.
 */
export function checkCase(caseName: string | undefined, overrides: Partial<SchemaCheckInputs> = {}): SchemaCheckReport {
  const subgraphs = fixtureSubgraphs(caseName);
  const composed = composeSubgraphSdl(subgraphs);
  const operationFiles = fixtureOperationFiles();
  return runSchemaCheck({
    subgraphs,
    committedSupergraph: composed.ok ? composed.supergraphSdl : undefined,
    supergraphPath: 'supergraph.graphql',
    baseline: { sdl: composedSdl(fixtureSubgraphs()), label: 'the fixture base' },
    operationFiles,
    committedManifest: printManifest(buildManifest(collectOperations(operationFiles).operations)),
    config: FIXTURE_CONFIG,
    clientTypes: { path: 'fixtures/generated/operations.ts', committed: '// generated\n', generated: '// generated\n' },
    resolverTypes: [{ path: 'fixtures/generated/resolver-types.ts', committed: '// generated\n', generated: '// generated\n' }],
    ...overrides,
  });
}

export function outcomeOf(report: SchemaCheckReport, check: CheckId): CheckOutcome {
  const outcome = report.outcomes.find((candidate) => candidate.check === check);
  if (!outcome) throw new Error(`no ${check} outcome`);
  return outcome;
}

export function messages(outcome: CheckOutcome, severity: 'error' | 'warning' | 'info'): string[] {
  return outcome.findings.filter((finding) => finding.severity === severity).map((finding) => finding.message);
}
