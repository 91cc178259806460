import type { CatalogRow, ReadRow } from '@shopgraph/catalog';
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { readCatalogCsv, writeCatalogCsv } from './catalog-csv.js';
import { readCatalogJsonl, writeCatalogJsonl } from './catalog-jsonl.js';

/** The format a file name says: `.csv`, or `.jsonl`/`.ndjson` for JSON Lines. */
export function formatOf(path: string): 'csv' | 'jsonl' {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  throw new Error(`${path}: name a .csv, .jsonl or .ndjson file`);
}

export async function readCatalogFile(path: string): Promise<ReadRow[]> {
  const text = await readFile(path, 'utf8');
  return formatOf(path) === 'csv' ? readCatalogCsv(text) : readCatalogJsonl(text);
}

export async function writeCatalogFile(path: string, rows: readonly CatalogRow[]): Promise<void> {
  await writeFile(path, formatOf(path) === 'csv' ? writeCatalogCsv(rows) : writeCatalogJsonl(rows));
}
