import { parseArgs } from 'node:util';
import { createProgressBar } from '../stack/progress-bar.js';
import { formatOf } from './catalog-file.js';
import { catalogTargetFromEnv } from './catalog-target.js';
import { runImport } from './run-import.js';

/** `npm run catalog:import -- FILE [--skip-bad] [--report PATH]`: see subgraphs/catalog/README.md. */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'skip-bad': { type: 'boolean', default: false }, report: { type: 'string' } },
});
const [file] = positionals;
if (!file || positionals.length > 1) {
  process.stderr.write('usage: npm run catalog:import -- FILE.csv|FILE.jsonl [--skip-bad] [--report BAD-ROWS.csv]\n');
  process.exit(2);
}
formatOf(file);
const target = catalogTargetFromEnv(process.env);
try {
  const report = await runImport({
    file,
    skipBad: values['skip-bad'],
    reportPath: values.report ?? `${file}.bad-rows.csv`,
    target,
    log: (message) => process.stdout.write(`${message}\n`),
    onProgress: createProgressBar('products'),
  });
  process.exitCode = report.problems.length > 0 ? 1 : 0;
} finally {
  target.client.destroy();
}
