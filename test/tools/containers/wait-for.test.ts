import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../tools/containers/engine.js';
import { assertHostPortsFree } from '../../../tools/containers/host-ports.js';
import type { CommandResult } from '../../../tools/containers/run-command.js';
import { waitCompleted, waitHealthy } from '../../../tools/containers/wait-for.js';

/**
 * An engine whose CLI answers are scripted by command: the waits judge exit codes and output,
 * and the fault cases (a service that never turns healthy, a job that exits non-zero) cannot
 * be made on purpose with a real engine in a unit test.
 */
function scriptedEngine(answer: (args: readonly string[], call: number) => Partial<CommandResult>): Engine & { calls: string[][] } {
  const calls: string[][] = [];
  const run = async (args: readonly string[]) => {
    calls.push([...args]);
    return { code: 0, stdout: '', stderr: '', ...answer(args, calls.length) };
  };
  return { kind: 'podman', env: {}, calls, run, runChecked: run, compose: run };
}

const LOG = 'line one\nError: cannot read the trusted-documents manifest\n';

describe('waiting for the compose stack', () => {
  it('when a service never passes its health check, then the wait ends at its timeout naming the service, its state and its last log lines', async () => {
    const engine = scriptedEngine((args) => {
      if (args[0] === 'exec') return { code: 1 };
      if (args[0] === 'inspect') return { stdout: 'exited 1 false\n' };
      if (args[0] === 'logs') return { stdout: LOG };
      return {};
    });
    const waiting = waitHealthy(engine, { service: 'gateway-1', container: 'shopgraph_gateway-1_1', check: ['node', '-e', 'health'], timeoutMs: 0 });
    await expect(waiting).rejects.toThrow(/^gateway-1 never turned healthy within 0 s \(container exited, exit code 1\); the last lines of its log:\n[\s\S]*cannot read the trusted-documents manifest/);
    expect(engine.calls[0]).toEqual(['exec', 'shopgraph_gateway-1_1', 'node', '-e', 'health']);
  });

  it('when the health check passes on a later try, then the wait resolves (the control)', async () => {
    const engine = scriptedEngine((args, call) => (args[0] === 'exec' ? { code: call >= 2 ? 0 : 1 } : {}));
    await expect(waitHealthy(engine, { service: 'cart', container: 'c', check: ['true'], timeoutMs: 60_000 })).resolves.toBeGreaterThanOrEqual(0);
    expect(engine.calls.filter((args) => args[0] === 'exec')).toHaveLength(2);
  });

  it('when a one-shot job exits non-zero, then the wait fails at once with its exit code and log; exit 0 passes', async () => {
    const failing = scriptedEngine((args) => (args[0] === 'inspect' ? { stdout: 'exited 3 false\n' } : args[0] === 'logs' ? { stdout: 'table bootstrap failed\n' } : {}));
    await expect(waitCompleted(failing, { service: 'bootstrap', container: 'b', timeoutMs: 60_000 })).rejects.toThrow(/^bootstrap exited 3; the last lines of its log:\n[\s\S]*table bootstrap failed/);
    const passing = scriptedEngine((args) => (args[0] === 'inspect' ? { stdout: 'exited 0 false\n' } : {}));
    await expect(waitCompleted(passing, { service: 'bootstrap', container: 'b', timeoutMs: 60_000 })).resolves.toBeGreaterThanOrEqual(0);
  });

  it('when a port the stack publishes is taken, then it is named before anything starts; once free, the check passes', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(assertHostPortsFree([port])).rejects.toThrow(`port ${port} is already in use on this machine, and the compose stack publishes it (HAProxy)`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await expect(assertHostPortsFree([port])).resolves.toBeUndefined();
  });
});
