import { generateKeys } from '@shopgraph/shared';
import { parseArgs } from 'node:util';
import { ensureDynamoDbLocal } from './dynamodb-local/fetch.js';
import { assertJava } from './dynamodb-local/java.js';
import { startDynamoDbLocal } from './dynamodb-local/run.js';
import { assertRedisAnswers } from './redis/check-redis.js';
import { bootstrapTables, seedIfEmpty } from './stack/prepare-data.js';
import { startTopology } from './topology/proxy-topology.js';

/**
 * The compose topology on this machine without Docker, left running until Ctrl-C:
 *   npm run topology [-- --port 4000] [--compiled]
 * Runs the TypeScript sources unless --compiled (then `npm run build` first).
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '4000' }, compiled: { type: 'boolean', default: false } } });
const log = (message: string) => process.stdout.write(`[topology] ${message}\n`);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

await Promise.all([assertJava(), assertRedisAnswers(redisUrl)]);
const { emulatorDir } = await ensureDynamoDbLocal({ log });
const dynamodb = await startDynamoDbLocal({ emulatorDir, log });
try {
  await bootstrapTables(dynamodb.endpoint, log);
  await seedIfEmpty(dynamodb.endpoint, log);
  const topology = await startTopology({
    dynamodbEndpoint: dynamodb.endpoint,
    redisUrl,
    keys: await generateKeys('topology'),
    mode: values.compiled ? 'compiled' : 'source',
    proxyPort: Number(values.port),
    log,
  });
  log(`two gateway replicas behind HAProxy: ${topology.proxyUrl} (in-memory database; Ctrl-C stops everything)`);
  const stop = async () => {
    await topology.stop();
    await dynamodb.stop();
    log(`requests per replica: ${JSON.stringify(topology.servedBy())}`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  process.stderr.write(`[topology] could not start: ${(error as Error).message}\n`);
  await dynamodb.stop();
  process.exit(1);
}
