import { parseArgs } from 'node:util';
import { seedIfEmpty } from './stack/prepare-data.js';

/** Seeds the demo catalog into DYNAMODB_ENDPOINT: `npm run seed -- [--products N] [--force]`. */
const { values } = parseArgs({ options: { products: { type: 'string', default: '36' }, force: { type: 'boolean', default: false } } });
const endpoint = process.env['DYNAMODB_ENDPOINT'];
const products = Number(values.products);
if (!endpoint || !Number.isInteger(products) || products < 1 || products > 100_000) {
  process.stderr.write('usage: DYNAMODB_ENDPOINT=http://127.0.0.1:<port> npm run seed -- [--products N (1-100000)] [--force]\n');
  process.exit(1);
}
await seedIfEmpty(endpoint, (message) => process.stdout.write(`${message}\n`), { products, force: values.force, progress: true });
