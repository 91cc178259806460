import { z } from 'zod';
import {
  envFields,
  loadConfig,
  sessionKeySetSchema,
  subgraphEnvSchema,
  tableDefinitions,
  toSubgraphBaseConfig,
  type SessionKeySet,
  type SubgraphBaseConfig,
} from '@shopgraph/shared';

const schema = subgraphEnvSchema(4004).extend({
  IDENTITY_TABLE: envFields.tableName(tableDefinitions.identity.defaultName),
  /** The same JWK set as the gateway's: identity issues the tokens the gateway verifies. */
  SESSION_KEYS: envFields.json(sessionKeySetSchema),
  SESSION_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(30 * 24 * 3600),
  /** Must match the gateway's: the record's last-seen time is checked against it when Redis is down. */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(14 * 24 * 3600),
  REDIS_URL: envFields.redisUrl,
  REDIS_KEY_PREFIX: envFields.redisKeyPrefix,
  /** How often identity checks that Redis still holds every revocation (and restores them if not). */
  REVOCATION_SYNC_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /**
   * How long Redis's "every revocation is here" marker lasts unless renewed. Identity renews it
   * every sync while no revocation is pending, so a revocation Redis failed to take is trusted
   * to Redis's answer by other replicas for at most about this long.
   */
  REVOCATION_MARKER_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(10),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Per client address: higher, since many shoppers can share one address (an office, a carrier NAT). */
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(100),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Sign-ups per client address per window: each costs a password hash and says whether an email has an account. */
  SIGN_UP_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  SIGN_UP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
}).refine((env) => env.REVOCATION_MARKER_TTL_SECONDS * 1000 >= 2 * env.REVOCATION_SYNC_INTERVAL_MS, {
  path: ['REVOCATION_MARKER_TTL_SECONDS'],
  message: 'must be at least twice REVOCATION_SYNC_INTERVAL_MS, or the marker lapses between renewals',
});

export interface IdentityConfig extends SubgraphBaseConfig {
  identityTable: string;
  sessionKeys: SessionKeySet;
  sessionLifetimeSeconds: number;
  sessionIdleTimeoutSeconds: number;
  redisUrl: string;
  redisKeyPrefix: string;
  passwordMinLength: number;
  revocationSyncIntervalMs: number;
  revocationMarkerTtlSeconds: number;
  signIn: { maxFailures: number; maxFailuresPerIp: number; windowSeconds: number };
  signUp: { maxPerIp: number; windowSeconds: number };
}

/** The only reader of the environment in this service. */
export function loadIdentityConfig(env: Record<string, string | undefined>): Readonly<IdentityConfig> {
  const parsed = loadConfig('identity', schema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    identityTable: parsed.IDENTITY_TABLE,
    sessionKeys: parsed.SESSION_KEYS,
    sessionLifetimeSeconds: parsed.SESSION_LIFETIME_SECONDS,
    sessionIdleTimeoutSeconds: parsed.SESSION_IDLE_TIMEOUT_SECONDS,
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    passwordMinLength: parsed.PASSWORD_MIN_LENGTH,
    revocationSyncIntervalMs: parsed.REVOCATION_SYNC_INTERVAL_MS,
    revocationMarkerTtlSeconds: parsed.REVOCATION_MARKER_TTL_SECONDS,
    signIn: { maxFailures: parsed.SIGN_IN_MAX_FAILURES, maxFailuresPerIp: parsed.SIGN_IN_MAX_FAILURES_PER_IP, windowSeconds: parsed.SIGN_IN_WINDOW_SECONDS },
    signUp: { maxPerIp: parsed.SIGN_UP_MAX_PER_IP, windowSeconds: parsed.SIGN_UP_WINDOW_SECONDS },
  });
}
