import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Workspace packages export their TypeScript sources under `@shopgraph/source`, so tests run
 * the code as written, with no build step. Setting conditions replaces Vite's defaults, so
 * they are repeated here, less `module` as vitest's own defaults do: vitest also hands these
 * to the forked workers as `--conditions`, and under `module` Node would load the AWS SDK's
 * bundler-only `dist-es` build, which it cannot run.
 */
const conditions = ['@shopgraph/source', ...defaultServerConditions.filter((condition) => condition !== 'module')];

/** One config for the whole monorepo: `npm test` runs every workspace's tests in one go. */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'infra/cdk.out/**', '.cache/**', '.data/**'],
    globalSetup: ['test/support/global-setup.ts'],
    environment: 'node',
    // The AWS SDK's eight-line notice that its 2027 releases need Node 22, once per worker;
    // the README says it once.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    // The machine has 2 cores, and DynamoDB Local's JVM needs one of them.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
