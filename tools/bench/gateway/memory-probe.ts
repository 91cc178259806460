import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Loaded with `node --import` into a process under measurement when BENCH_PROBE_PORT is set:
 * answers GET /memory on 127.0.0.1 with where the process's memory is, taken after a full
 * garbage collection (the process runs with --expose-gc), so retained memory is read, not
 * garbage that happens not to be collected yet: process.memoryUsage(), V8's heap spaces, and
 * the kernel's view (/proc/self/smaps_rollup), which sees what the others do not (the
 * allocator's free lists, thread stacks, code). Bench-only; no service imports it.
 *
 * RSS is read once it has settled: V8 hands the pages a collection freed back to the kernel
 * from a background thread, so RSS read right after gc() still counts them (up to 170 MB
 * more after 100,000 requests, measured here).
 */
const port = Number(process.env['BENCH_PROBE_PORT'] ?? 0);
const collect = (globalThis as { gc?: () => void }).gc;

/** The kilobyte lines of smaps_rollup (Rss, Pss, Anonymous, Private_Dirty…) in bytes; empty where the kernel has none. */
function kernelView(): Record<string, number> {
  try {
    const lines = readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n');
    return Object.fromEntries(
      lines.flatMap((line) => {
        const match = /^(\w+):\s+(\d+) kB$/.exec(line);
        return match ? [[match[1]!, Number(match[2]) * 1024]] : [];
      }),
    );
  } catch {
    return {};
  }
}

/** RSS once five readings 200 ms apart agree within 1 MB (at most 10 s). */
async function settledRss(): Promise<number> {
  const deadline = Date.now() + 10_000;
  let last = process.memoryUsage.rss();
  for (let agreeing = 0; agreeing < 5 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = process.memoryUsage.rss();
    agreeing = Math.abs(now - last) < 1024 * 1024 ? agreeing + 1 : 0;
    last = now;
  }
  return last;
}

if (port > 0) {
  const server = createServer((request, response) => {
    if (request.url !== '/memory') {
      response.writeHead(404).end();
      return;
    }
    // Twice: the first pass can leave finalisation work that a second one reclaims.
    collect?.();
    collect?.();
    void settledRss().then((rss) => {
      const usage = { ...process.memoryUsage(), rss };
      const heapSpaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, { size: space.space_size, used: space.space_used_size }]));
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ...usage, heapSpaces, kernel: kernelView(), afterGc: collect !== undefined }));
    });
  });
  server.listen(port, '127.0.0.1');
  // Never what keeps the process alive: its own shutdown decides when it exits.
  server.unref();
}
