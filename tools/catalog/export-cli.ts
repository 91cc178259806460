import { exportCatalog } from '@shopgraph/catalog';
import { catalogTargetFromEnv } from './catalog-target.js';
import { formatOf, writeCatalogFile } from './catalog-file.js';

/** `npm run catalog:export -- FILE.csv|FILE.jsonl`: every product on sale, in the format the import reads. */
const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0) {
  process.stderr.write('usage: npm run catalog:export -- FILE.csv|FILE.jsonl\n');
  process.exit(2);
}
// Refuses a file name of no known format before reading anything.
formatOf(file);
const target = catalogTargetFromEnv(process.env);
try {
  const rows = await exportCatalog({ client: target.client, tableName: target.tableName });
  await writeCatalogFile(file, rows);
  process.stdout.write(`wrote ${rows.length} variants of ${new Set(rows.map((row) => row.slug)).size} products to ${file}\n`);
} finally {
  target.client.destroy();
}
