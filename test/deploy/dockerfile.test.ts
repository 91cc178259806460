import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVICES, dockerStages, effectiveLines, readRepoFile, type ServiceName } from './deploy-files.js';

const stages = dockerStages(readRepoFile('Dockerfile'));

/**
 * Workspaces under which the lockfile nests production packages (a version that differs
 * from the root's): a service image whose install includes such a workspace (its own, or
 * shared, which every service links) must copy that node_modules as well as the root's, or the
 * service stops at start-up with ERR_MODULE_NOT_FOUND.
 */
function nestedProductionPackagesOf(workspaces: readonly string[]): string[] {
  const lock = JSON.parse(readRepoFile('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
  const found = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const workspace = /^((?:subgraphs\/)?[a-z-]+)\/node_modules\//.exec(path)?.[1];
    if (workspace && !entry.dev && workspaces.includes(workspace)) found.add(workspace);
  }
  return [...found].sort();
}
const serviceNames = Object.keys(SERVICES) as ServiceName[];
const ignored = readRepoFile('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));

describe('the Dockerfile', () => {
  it('has one target per service, on Node 22', () => {
    expect(stages.map((stage) => stage.name)).toEqual(expect.arrayContaining(serviceNames));
    expect(readRepoFile('Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:22[.-]/m);
    for (const service of serviceNames) expect(effectiveLines(stages, service).length).toBeGreaterThan(0);
  });

  it.each(serviceNames)('%s: runs the compiled entry point with node, not tsx, as a non-root user', (service) => {
    const lines = effectiveLines(stages, service);
    const cmd = lines.filter((line) => line.startsWith('CMD')).at(-1);
    expect(cmd).toBe(`CMD ["node", "${SERVICES[service].dir}/dist/main.js"]`);
    // dist/main.js is compiled from src/main.ts by `npm run build`.
    expect(existsSync(`${REPO_ROOT}/${SERVICES[service].dir}/src/main.ts`)).toBe(true);
    expect(lines.filter((line) => line.startsWith('USER')).at(-1)).toBe('USER node');
    expect(lines.join('\n')).not.toMatch(/tsx/);
  });

  it.each(serviceNames)('%s: checks /health on its own port and stops on SIGTERM', (service) => {
    const lines = effectiveLines(stages, service);
    const port = /^ENV PORT=(\d+)$/m.exec(lines.join('\n'))?.[1];
    expect(lines).toContain(`EXPOSE ${port}`);
    expect(lines.find((line) => line.startsWith('HEALTHCHECK'))).toMatch(/\/health'/);
    expect(lines).toContain('STOPSIGNAL SIGTERM');
  });

  it.each(serviceNames)('%s: carries its own production dependencies only and no test files', (service) => {
    const lines = effectiveLines(stages, service);
    const copies = lines.filter((line) => line.startsWith('COPY'));
    const nodeModules = copies.filter((line) => /node_modules$/.test(line));
    const installer = `prod-deps-${service}`;
    expect(nodeModules).toEqual([
      `COPY --from=${installer} /app/node_modules node_modules`,
      ...nestedProductionPackagesOf(['shared', SERVICES[service].dir]).map((workspace) => `COPY --from=${installer} /app/${workspace}/node_modules ${workspace}/node_modules`),
    ]);
    // One workspace's production install (the script runs `npm ci --omit=dev --workspace`).
    const install = stages.find((stage) => stage.name === installer);
    expect(install?.from).toBe('prod-deps');
    expect(install?.lines).toEqual([`RUN production-dependencies.sh ${SERVICES[service].dir}`]);
    // Only built output, manifests and schema files come from the build stage.
    for (const line of copies.filter((candidate) => candidate.includes('--from=build'))) {
      expect(line).toMatch(/(\/dist|package\.json|\.graphql) \S+$/);
    }
    expect(copies.join('\n')).not.toMatch(/\btest\b|\bsrc\b/);
  });

  it('installs production dependencies without dev packages, and strips only what Node never loads', () => {
    const script = readRepoFile('deploy/image/production-dependencies.sh');
    expect(script).toMatch(/^npm ci --omit=dev --no-audit --no-fund --workspace "\$workspace"$/m);
    const removed = [...script.matchAll(/-name '([^']+)'/g)].map((match) => match[1]);
    expect(removed.sort()).toEqual(['*.cts', '*.map', '*.md', '*.mts', '*.ts']);
    // JavaScript, JSON and native add-ons stay: none of those patterns matches them.
    for (const kept of ['index.js', 'index.mjs', 'index.cjs', 'package.json', 'addon.node']) expect(removed.some((pattern) => kept.endsWith(pattern!.slice(1)))).toBe(false);
  });

  it('runs the services on plain Debian with the node binary of the Node 22 image, as uid 1000', () => {
    const runtime = stages.find((stage) => stage.name === 'runtime')!;
    expect(readRepoFile('Dockerfile')).toMatch(/^ARG RUNTIME_IMAGE=debian:bookworm-slim$/m);
    expect(readRepoFile('Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
    expect(runtime.from).toBe('${RUNTIME_IMAGE}');
    expect(runtime.lines).toContain('COPY --from=deps /usr/local/bin/node /usr/local/bin/node');
    expect(runtime.lines.join('\n')).toMatch(/useradd --uid 1000 --gid node/);
  });

  it('gateway: carries the trusted-documents manifest it reads at start-up, which the build context keeps', () => {
    const copies = effectiveLines(stages, 'gateway').filter((line) => line.startsWith('COPY'));
    expect(copies).toContain('COPY clients/operations/manifest.json clients/operations/');
    expect(existsSync(`${REPO_ROOT}/clients/operations/manifest.json`)).toBe(true);
    expect(ignored).not.toContain('clients');
    expect(ignored.filter((pattern) => pattern.startsWith('clients')).every((pattern) => !pattern.endsWith('.json') && pattern !== 'clients/**')).toBe(true);
  });

  it('keeps the CDK toolkit and library out of production dependencies', () => {
    const infra = JSON.parse(readRepoFile('infra/package.json')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect(Object.keys(infra.dependencies ?? {}).filter((name) => /cdk|constructs/.test(name))).toEqual([]);
    expect(Object.keys(infra.devDependencies ?? {})).toEqual(expect.arrayContaining(['aws-cdk-lib', 'constructs', 'cdk-nag']));
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, tests, local data and secrets out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '**/test', '.git', '.data', '.cache', '.env']));
  });
});
