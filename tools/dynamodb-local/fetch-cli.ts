/**
 * `npm run dynamodb:fetch`: checks Java and puts DynamoDB Local in the cache, so the first
 * test run or `npm start` does not pay for the download. Safe to run again: a cached
 * emulator is reused.
 */
import { assertJava } from './java.js';
import { ensureDynamoDbLocal } from './fetch.js';

try {
  const java = await assertJava();
  console.log(`Java ${java.major} found (${java.versionLine})`);
  const { emulatorDir } = await ensureDynamoDbLocal({ log: (message) => console.log(message) });
  console.log(`DynamoDB Local is ready in ${emulatorDir}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
