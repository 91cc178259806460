import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVICES, dockerStages, effectiveLines, readRepoFile, type ServiceName } from './deploy-files.js';

const stages = dockerStages(readRepoFile('Dockerfile'));
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
    const nodeModules = copies.filter((line) => / node_modules$/.test(line));
    expect(nodeModules).toEqual(['COPY --from=prod-deps /app/node_modules node_modules']);
    expect(stages.find((stage) => stage.name === 'prod-deps')?.lines).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    // Only built output, manifests and schema files come from the build stage.
    for (const line of copies.filter((candidate) => candidate.includes('--from=build'))) {
      expect(line).toMatch(/(\/dist|package\.json|\.graphql) \S+$/);
    }
    expect(copies.join('\n')).not.toMatch(/\btest\b|\bsrc\b/);
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
