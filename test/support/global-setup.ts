import type { TestProject } from 'vitest/node';
import { ensureDynamoDbLocal } from '../../tools/dynamodb-local/fetch.js';
import { assertJava } from '../../tools/dynamodb-local/java.js';
import { startDynamoDbLocal } from '../../tools/dynamodb-local/run.js';
import { assertRedisAnswers } from '../../tools/redis/check-redis.js';
import type {} from './provided-context.js';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Runs once per `vitest run`: checks the machine's prerequisites with messages that say what
 * to install, then starts one in-memory DynamoDB Local for every test file. Files share it
 * safely because each creates tables of its own (see `dynamo.ts`).
 *
 * A default export because vitest's globalSetup contract requires one.
 */
// eslint-disable-next-line no-restricted-syntax
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  // See vitest.config.ts: the AWS SDK's Node 22 notice, here for this main process.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  // Checked first and together, so one run names everything missing, before any download.
  const problems = (await Promise.allSettled([assertJava(), assertRedisAnswers(redisUrl)]))
    .filter((result) => result.status === 'rejected')
    .map((result) => (result.reason as Error).message);
  if (problems.length > 0) throw new Error(`The tests need services this machine lacks:\n- ${problems.join('\n- ')}`);
  const { emulatorDir } = await ensureDynamoDbLocal({ log: (message) => console.log(`[global-setup] ${message}`) });
  const dynamodb = await startDynamoDbLocal({ emulatorDir });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('redisUrl', redisUrl);
  return () => dynamodb.stop();
}
