/** What every benchmarked service is configured with, besides its stack's: production profile, quiet. */
export function benchServiceEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // The production profile refuses the test payment provider unless told; no money moves here.
    ALLOW_TEST_PAYMENTS: 'true',
  };
}
