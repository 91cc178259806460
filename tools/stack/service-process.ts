import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatLogLine } from './log-format.js';

export interface ServiceProcess {
  name: string;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  port: number;
  pid: number;
  /** Resolves with the exit code when the process ends, for whatever reason. */
  exited: Promise<number | null>;
  /**
   * SIGTERM, then SIGKILL after `graceMs` (5 s unless given). Resolves once the process is
   * gone; whatever it started and left behind goes with it.
   */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL of the whole process group, at once: a replica that dies. */
  kill(): Promise<void>;
}

export interface StartServiceOptions {
  name: string;
  /** The service's entry point, relative to `cwd`. */
  entry: string;
  /**
   * `source` (default) runs the TypeScript entry with tsx; `compiled` runs a built
   * `dist/` entry with plain node and only `env` (plus PATH), as a container's CMD would.
   */
  mode?: 'source' | 'compiled';
  port: number;
  env: Record<string, string>;
  cwd: string;
  /** Extra flags for node (`--expose-gc`, `--cpu-prof`, ...). */
  nodeFlags?: string[];
  /** A command node runs under, which must exec it (`taskset -c 0-1`), so the child is node itself. */
  runUnder?: string[];
  /** `ready` (default): GET /ready answers 200, as shopgraph's services do; `graphql`: POST /graphql `{ __typename }` answers 200. */
  probe?: 'ready' | 'graphql';
  readyTimeoutMs?: number;
  /** Print the child's log lines, each with the service's name (default); `false` keeps them for errors only. */
  echo?: boolean;
  /** Colour the name in each printed line; the terminal decides unless set. */
  colour?: boolean;
}

const DEFAULT_STOP_GRACE_MS = 5_000;

const running = new Set<ChildProcess>();
// Should the starter itself die, none of its services outlives it.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/**
 * Runs one service as a child process in a process group of its own (from its TypeScript
 * sources, or compiled), prints its log lines with a prefix, and resolves once it answers.
 * If it exits or does not get ready in time, rejects with what it printed last.
 *
 * The group is its own so that Ctrl-C in a terminal signals only the starter, which then
 * stops the services in order (gateway first) instead of all of them at once.
 */
export async function startServiceProcess(options: StartServiceOptions): Promise<ServiceProcess> {
  const compiled = options.mode === 'compiled';
  const loader = compiled ? [] : ['--conditions=@shopgraph/source', '--import', 'tsx'];
  const [command, ...args] = [...(options.runUnder ?? []), process.execPath, ...loader, ...(options.nodeFlags ?? []), options.entry];
  const baseEnv = compiled ? { PATH: process.env['PATH'] ?? '' } : process.env;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...baseEnv, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (line.trim() === '') return;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (options.echo !== false) process.stdout.write(`${formatLogLine(options.name, line, options.colour)}\n`);
    });
  }
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      exitCode = code;
      resolve(code);
    }),
  );
  const base = `http://127.0.0.1:${options.port}`;
  const service: ServiceProcess = {
    name: options.name,
    base,
    url: `${base}/graphql`,
    port: options.port,
    pid: child.pid ?? -1,
    exited,
    async stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      if (exitCode === undefined) {
        // The service alone first: it drains its requests while what it started still serves it.
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      killGroup(child, 'SIGKILL');
    },
    async kill() {
      killGroup(child, 'SIGKILL');
      await exited;
    },
  };

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${options.name} exited with code ${exitCode} before it was ready:\n${recent.join('\n')}`);
    if (await answers(base, options.probe ?? 'ready')) return service;
    await sleep(200);
  }
  await service.stop(2_000);
  throw new Error(`${options.name} was not ready within ${timeoutMs} ms:\n${recent.join('\n')}`);
}

/** Signals the child's whole process group: the service and anything it started (tsx's compiler). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function answers(base: string, probe: 'ready' | 'graphql'): Promise<boolean> {
  try {
    const response =
      probe === 'ready'
        ? await fetch(`${base}/ready`, { signal: AbortSignal.timeout(2_000) })
        : await fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ __typename }"}',
            signal: AbortSignal.timeout(2_000),
          });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}
