import type { GeneratedKeys } from '@shopgraph/shared';

/** What every benchmarked service is configured with: production profile, quiet, on a free port. */
export function benchServiceEnv({ endpoint, keys, redisUrl, run }: { endpoint: string; keys: GeneratedKeys; redisUrl: string; run: string }) {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    DYNAMODB_ENDPOINT: endpoint,
    INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `bench:${run}:`,
    // The production profile refuses the test payment provider unless told; no money moves here.
    ALLOW_TEST_PAYMENTS: 'true',
  };
}
