import { createServer } from 'node:http';

/**
 * Loaded with `node --import` into a process under measurement when BENCH_PROBE_PORT is set:
 * answers GET /memory on 127.0.0.1 with process.memoryUsage() taken after a full garbage
 * collection (the process runs with --expose-gc), so retained memory is read, not garbage
 * that happens not to be collected yet. Bench-only; no service imports it.
 */
const port = Number(process.env['BENCH_PROBE_PORT'] ?? 0);
const collect = (globalThis as { gc?: () => void }).gc;
if (port > 0) {
  const server = createServer((request, response) => {
    if (request.url !== '/memory') {
      response.writeHead(404).end();
      return;
    }
    // Twice: the first pass can leave finalisation work that a second one reclaims.
    collect?.();
    collect?.();
    const usage = process.memoryUsage();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...usage, afterGc: collect !== undefined }));
  });
  server.listen(port, '127.0.0.1');
  // Never what keeps the process alive: its own shutdown decides when it exits.
  server.unref();
}
