import { generateKeys } from '@shopgraph/shared';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './compose/subgraph-list.js';
import { ensureDynamoDbLocal } from './dynamodb-local/fetch.js';
import { assertJava } from './dynamodb-local/java.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local/run.js';
import { assertRedisAnswers } from './redis/check-redis.js';
import { bootstrapTables, seedIfEmpty } from './stack/prepare-data.js';
import { runQuickStart } from './topology/quick-start.js';
import { startTopology, type Topology } from './topology/proxy-topology.js';

/**
 * The production start path, without Docker: `npm run build`, then every service from its
 * compiled dist/ entry with NODE_ENV=production and its configuration only from the
 * environment (as each image's CMD runs), two gateway replicas behind HAProxy with the
 * config compose mounts, and the README's quick start through the proxy.
 *   npm run smoke:prod [-- --no-build]
 */
const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
const log = (message: string) => process.stdout.write(`[smoke:prod] ${message}\n`);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

let dynamodb: DynamoDbLocal | undefined;
let topology: Topology | undefined;
let exitCode = 0;
try {
  if (!values['no-build']) {
    log('npm run build');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
  }
  await Promise.all([assertJava(), assertRedisAnswers(redisUrl)]);
  const { emulatorDir } = await ensureDynamoDbLocal({ log });
  dynamodb = await startDynamoDbLocal({ emulatorDir, log });
  await bootstrapTables(dynamodb.endpoint, log);
  await seedIfEmpty(dynamodb.endpoint, log);
  topology = await startTopology({
    dynamodbEndpoint: dynamodb.endpoint,
    redisUrl,
    keys: await generateKeys(`smoke-${randomBytes(3).toString('hex')}`),
    mode: 'compiled',
    nodeEnv: 'production',
    redisKeyPrefix: `smoke:${randomBytes(4).toString('hex')}:`,
    log,
  });
  log(`compiled services up; HAProxy on ${topology.proxyUrl}`);
  const result = await runQuickStart(topology.proxyUrl);
  // A second shopper's quick start, so round-robin has had room to use both replicas.
  await runQuickStart(topology.proxyUrl);
  const served = topology.servedBy();
  if (Object.keys(served).length < 2) throw new Error(`HAProxy used only ${JSON.stringify(served)}; expected both gateway replicas`);
  log(`quick start through the proxy: cart ${result.cartId} holds ${result.totalQuantity}; requests per replica ${JSON.stringify(served)}`);
} catch (error) {
  process.stderr.write(`[smoke:prod] FAILED: ${(error as Error).message}\n`);
  exitCode = 1;
} finally {
  await topology?.stop();
  await dynamodb?.stop();
}
// A closing line CI reads as the outcome, after everything has stopped.
process.stdout.write(exitCode === 0 ? 'smoke:prod: 1 passed, 0 failed\n' : 'smoke:prod: 0 passed, 1 failed\n');
process.exit(exitCode);
