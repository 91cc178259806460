import { importCatalog, publishCatalogChanges, type ImportReport, type RowProblem } from '@shopgraph/catalog';
import { writeFile } from 'node:fs/promises';
import { readCatalogFile } from './catalog-file.js';
import type { CatalogTarget } from './catalog-target.js';
import { formatCsv } from './csv.js';

export interface ImportRun {
  file: string;
  skipBad: boolean;
  /** Where the bad rows are written (CSV: line, field, why). */
  reportPath: string;
  target: CatalogTarget;
  log: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
}

/** How many bad rows are printed; the report file has them all. */
const PRINTED = 20;

/** `catalog:import` without the command line: read, validate, report, write, announce. */
export async function runImport({ file, skipBad, reportPath, target, log, onProgress }: ImportRun): Promise<ImportReport> {
  const rows = await readCatalogFile(file);
  const report = await importCatalog({ client: target.client, tableName: target.tableName }, rows, {
    skipBad,
    ...(onProgress ? { onProgress } : {}),
    ...(target.redis ? { publish: (changed) => announce(target, changed, log) } : {}),
  });
  if (report.problems.length > 0) {
    await writeBadRows(reportPath, report.problems);
    for (const { line, field, why } of report.problems.slice(0, PRINTED)) log(`line ${line}, ${field}: ${why}`);
    if (report.problems.length > PRINTED) log(`… and ${report.problems.length - PRINTED} more`);
    log(`${new Set(report.problems.map((problem) => problem.line)).size} bad rows, listed in ${reportPath}`);
  }
  if (!report.written) log('nothing was written (run again with --skip-bad to load the good rows)');
  else log(`${report.created} products created, ${report.updated} updated, ${report.unchanged} unchanged; ${report.categoriesCreated} categories created`);
  return report;
}

export async function writeBadRows(path: string, problems: readonly RowProblem[]): Promise<void> {
  await writeFile(path, formatCsv([['line', 'field', 'why'], ...problems.map(({ line, field, why }) => [String(line), field, why])]));
}

async function announce(target: CatalogTarget, changed: { productIds: string[]; categoryIds: string[] }, log: (message: string) => void): Promise<void> {
  try {
    await publishCatalogChanges({ url: target.redis!.url, prefix: target.redis!.prefix, logger: target.logger }, changed);
  } catch (error) {
    // Everything is written; the replicas' periodic resync will find it.
    log(`could not announce the change to the catalog replicas (${(error as Error).message}); they pick it up at their next resync`);
  }
}
