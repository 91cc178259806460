import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Keeps every core busy until stopped (SIGTERM, SIGINT) or for `--seconds` at most: a stand-in
 * for the other work a shared CI machine runs, so the test suite can be shown to pass when
 * everything it waits for is slow. `.ci/run` starts it when CPU_HOG=1.
 */
const secondsArgument = process.argv.indexOf('--seconds');
const seconds = secondsArgument > 0 ? Number(process.argv[secondsArgument + 1]) : 3600;
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('cpu-hog: --seconds takes a positive number');
  process.exit(2);
}
// A loop the optimiser cannot drop, yielding nothing: one core's worth of contention each.
const BUSY_LOOP = 'let sink = 0; for (;;) sink = (sink * 31 + 7) % 1000003;';
const cores = availableParallelism();
const workers = Array.from({ length: cores }, () => new Worker(BUSY_LOOP, { eval: true }));
console.log(`cpu-hog: ${cores} busy loops for at most ${seconds} s`);
const stop = () => {
  for (const worker of workers) void worker.terminate();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setTimeout(stop, seconds * 1000).unref();
