import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeCharts, type ChartedResults } from './report-charts.js';

/**
 * npm run bench:charts -- <results.json> <dir>: draws a run's SVG charts again from its
 * results.json, with the chart code as it is now; how docs/images/bench/ is made from a full run.
 */
const [resultsPath, dir] = process.argv.slice(2);
if (!resultsPath || !dir) {
  process.stderr.write('usage: npm run bench:charts -- <results.json of a run> <directory to write the SVG charts to>\n');
  process.exit(2);
}
const results = JSON.parse(await readFile(resolve(resultsPath), 'utf8')) as ChartedResults;
if (!Array.isArray(results.throughput)) throw new Error(`${resultsPath} is not a results.json of npm run bench: it has no throughput list`);
const written = await writeCharts(resolve(dir), results);
process.stdout.write(`${written.length} charts written to ${resolve(dir)}: ${written.join(', ')}\n`);
