import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../tools/compose/compose-supergraph.js';
import { REPO_ROOT, SUBGRAPHS } from '../../tools/compose/subgraph-list.js';
import { buildManifest, collectOperations, printManifest, readOperationFiles } from '../../tools/schema-check/index.js';

/** Runs the CLI as `npm run schema:check` does, on a copy of the repository's schemas in a temp dir. */
function runCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--conditions=@shopgraph/source', '--import', 'tsx', 'tools/schema-check.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the schema:check command', () => {
  let root: string;
  let args: string[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'schema-check-'));
    for (const { schemaPath } of SUBGRAPHS) cpSync(join(REPO_ROOT, schemaPath), join(root, schemaPath));
    cpSync(join(REPO_ROOT, 'clients/operations/operations.graphql'), join(root, 'clients/operations/operations.graphql'));
    // Composed here rather than copied, so the copy is self-consistent while subgraphs are being edited.
    const composed = composeSupergraph(root);
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    writeFileSync(join(root, 'supergraph.graphql'), composed.supergraphSdl);
    writeFileSync(join(root, 'base.graphql'), composed.supergraphSdl);
    const { operations } = collectOperations(readOperationFiles(root, 'clients/operations'));
    writeFileSync(join(root, 'clients/operations/manifest.json'), printManifest(buildManifest(operations)));
    args = ['--root', root, '--base', join(root, 'base.graphql'), '--config', join(REPO_ROOT, 'tools/schema-check/schema-check.config.json')];
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('when asked for --help, then it prints the usage and exits 0', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run schema:check/);
  });

  it('when every check passes, then it exits 0 and writes the Markdown summary where asked', () => {
    const summary = join(root, 'out/summary.md');
    const result = runCli([...args, '--summary', summary]);
    expect(result.stdout).toContain('schema:check passed');
    expect(result.status).toBe(0);
    expect(existsSync(summary) && readFileSync(summary, 'utf8')).toMatch(/^## Schema check: passed/);
  });

  it('when the committed supergraph is stale, then it exits 1 and names the fix command', () => {
    const path = join(root, 'supergraph.graphql');
    const fresh = readFileSync(path, 'utf8');
    writeFileSync(path, `${fresh}\n# edited by hand\n`);
    try {
      const result = runCli([...args, '--summary', join(root, 'stale.md')]);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/FAIL {2}Committed supergraph is fresh[\s\S]*fix: run `npm run compose`/);
    } finally {
      writeFileSync(path, fresh);
    }
  });

  it('when given an unknown argument, then it exits 2 and says so', () => {
    const result = runCli(['--nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown argument --nope');
  });
});
