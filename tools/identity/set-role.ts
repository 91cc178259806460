import { createCustomerRoles, loadIdentityStoreConfig } from '@shopgraph/identity';
import { ConfigError, createLogger, Role } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { connectRedis, createRedisClient } from '@shopgraph/shared/server';
import { Redis } from 'ioredis';

export const SET_ROLE_USAGE = `usage: npm run identity:set-role -- EMAIL CUSTOMER|ADMIN
  Changes the role and ends every session of the customer (they sign in again to get it).
  Reads AWS_REGION, DYNAMODB_ENDPOINT, IDENTITY_TABLE, REDIS_URL, REDIS_KEY_PREFIX and
  SESSION_LIFETIME_SECONDS as identity does; set them as identity has them. REDIS_URL=none
  touches no Redis (where the deployment's cannot be reached): identity's revocation sync
  writes the mark.
`;

/** `REDIS_URL=none`: no Redis at all; the mark stays pending in the table for identity's revocation sync. */
const NO_REDIS = 'none';

/**
 * Against AWS (no DYNAMODB_ENDPOINT), REDIS_URL must be said: its default, a Redis on this
 * machine, would take the mark and clear its pending note, and no gateway reads that Redis.
 */
const AWS_NEEDS_REDIS_URL = `DYNAMODB_ENDPOINT is unset, so this changes AWS's identity table: set REDIS_URL to the deployment's Redis (from inside its VPC), or REDIS_URL=${NO_REDIS} where it cannot be reached (identity's revocation sync then writes the mark to Redis, within REVOCATION_SYNC_INTERVAL_MS). Its default, a Redis on this machine, is one no gateway reads.`;


const ROLES = new Set<string>(Object.values(Role));

/** `identity:set-role`: answers the exit code; writes what it did to `out`, problems to `err`. */
export async function setRoleCommand(
  args: readonly string[],
  env: Record<string, string | undefined>,
  { out, err }: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  const [email, role, ...extra] = args;
  if (!email || !role || !ROLES.has(role) || extra.length > 0) {
    err(SET_ROLE_USAGE);
    return 2;
  }
  if (!env['DYNAMODB_ENDPOINT'] && !env['REDIS_URL']) {
    err(AWS_NEEDS_REDIS_URL);
    return 2;
  }
  const withoutRedis = env['REDIS_URL'] === NO_REDIS;
  let config: ReturnType<typeof loadIdentityStoreConfig>;
  try {
    config = loadIdentityStoreConfig(withoutRedis ? { ...env, REDIS_URL: undefined } : env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(error.message);
    return 2;
  }
  const logger = createLogger({ service: 'identity-set-role', level: 'warn' });
  const dynamo = createDocumentClient(config.dynamodb);
  // Without Redis: a client that never connects, so every write to it fails at once and the
  // ending leaves its note pending, as when Redis is down.
  const redis = withoutRedis ? new Redis({ lazyConnect: true, enableOfflineQueue: false }) : createRedisClient({ url: config.redisUrl, logger });
  if (!withoutRedis) await connectRedis(redis, logger);
  try {
    const roles = createCustomerRoles({
      dynamo,
      tableName: config.identityTable,
      redis,
      keyPrefix: config.redisKeyPrefix,
      lifetimeSeconds: config.sessionLifetimeSeconds,
    });
    const result = await roles.setRole(email, role as Role);
    switch (result.outcome) {
      case 'not-found':
        err(`no customer has the email ${email}`);
        return 1;
      case 'unchanged':
        out(`${email} is already ${role}; nothing changed`);
        return 0;
      case 'conflict':
        err(`the role of ${email} changed while this ran; nothing was written, run it again`);
        return 1;
      case 'changed':
        out(`${email}: ${result.from} -> ${result.to}; every session they had has ended`);
        if (withoutRedis) {
          out(`REDIS_URL=${NO_REDIS}: identity's revocation sync writes the change to Redis within REVOCATION_SYNC_INTERVAL_MS; until then a gateway may accept their old tokens`);
        } else if (result.redis === 'pending') {
          out('Redis did not take the change: gateways ask identity instead once the revocation marker lapses, and identity writes it to Redis when it can');
        }
        return 0;
    }
  } finally {
    redis.disconnect();
    dynamo.destroy();
  }
}
