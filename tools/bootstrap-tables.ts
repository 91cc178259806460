import { bootstrapTables } from './stack/prepare-data.js';

/** Creates shopgraph's tables on DYNAMODB_ENDPOINT (a running DynamoDB Local). Idempotent. */
const endpoint = process.env['DYNAMODB_ENDPOINT'];
if (!endpoint) {
  process.stderr.write('bootstrap:tables: set DYNAMODB_ENDPOINT to a DynamoDB Local endpoint (npm start does this for you)\n');
  process.exit(1);
}
await bootstrapTables(endpoint, (message) => process.stdout.write(`${message}\n`));
