import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVICES, dockerStages, effectiveLines, readRepoFile, type ServiceName } from './deploy-files.js';

const stages = dockerStages(readRepoFile('Dockerfile'));

/**
 * Workspaces under which the lockfile nests production packages (a version that differs
 * from the root's): the runtime image must copy their node_modules as well as the root's,
 * or the service stops at start-up with ERR_MODULE_NOT_FOUND.
 */
function workspacesWithNestedProductionPackages(): string[] {
  const lock = JSON.parse(readRepoFile('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
  const found = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const workspace = /^((?:subgraphs\/)?[a-z-]+)\/node_modules\//.exec(path)?.[1];
    if (workspace && !entry.dev && workspace !== 'infra' && workspace !== 'storefront') found.add(workspace);
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

  it.each(serviceNames)('%s: carries production dependencies only and no test files', (service) => {
    const lines = effectiveLines(stages, service);
    const copies = lines.filter((line) => line.startsWith('COPY'));
    const nodeModules = copies.filter((line) => /node_modules$/.test(line));
    expect(nodeModules).toEqual([
      'COPY --from=prod-deps /app/node_modules node_modules',
      ...workspacesWithNestedProductionPackages().map((workspace) => `COPY --from=prod-deps /app/${workspace}/node_modules ${workspace}/node_modules`),
    ]);
    expect(stages.find((stage) => stage.name === 'prod-deps')?.lines).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    // Only built output, manifests and schema files come from the build stage.
    for (const line of copies.filter((candidate) => candidate.includes('--from=build'))) {
      expect(line).toMatch(/(\/dist|package\.json|\.graphql) \S+$/);
    }
    expect(copies.join('\n')).not.toMatch(/\btest\b|\bsrc\b/);
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
