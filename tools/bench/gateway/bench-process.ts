import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatLogLine } from '../../stack/log-format.js';

/** Whether `taskset` can pin processes here (Linux with util-linux). */
export const CAN_PIN = spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;

/** Pins this process (every thread) to `core`; children started afterwards inherit it. */
export function pinSelf(core: number): boolean {
  return pin(process.pid, core);
}

/** Pins a running process, every thread of it, to `core`. */
function pin(pid: number, core: number): boolean {
  if (!CAN_PIN) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' }).status === 0;
}

/** Every core this machine has, as taskset writes a list: starting processes may use them all. */
const ALL_CORES = `0-${Math.max(0, availableParallelism() - 1)}`;

export interface BenchProcess {
  name: string;
  /** `http://127.0.0.1:<port>` */
  base: string;
  url: string;
  port: number;
  pid: number;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL of the whole process group after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL of the whole process group, at once: a replica that dies. */
  kill(): Promise<void>;
}

export interface StartBenchProcessOptions {
  name: string;
  /** A TypeScript entry, relative to `cwd`. */
  entry: string;
  port: number;
  env: Record<string, string>;
  cwd: string;
  /**
   * Pinned to this core with taskset, where taskset exists, once it is ready: it starts on every
   * core, since loading a service's code is most of a benchmark's waiting and measures nothing.
   */
  core?: number;
  /** Extra flags for node (`--expose-gc`, `--import ...`). */
  nodeFlags?: string[];
  /** `ready`: GET /ready answers 200 (shopgraph's services); `graphql`: POST /graphql `{ __typename }` answers 200. */
  probe?: 'ready' | 'graphql';
  readyTimeoutMs?: number;
  /** Print the child's log lines (warnings and errors: the bench starts everything at LOG_LEVEL=warn). */
  echo?: boolean;
}

const running = new Set<ChildProcess>();
// Whatever happens to the bench, none of its children outlives it.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/**
 * Starts one process of the benchmark (a gateway, a subgraph, a baseline) in a process group of
 * its own, optionally pinned to a core, and resolves once it answers. Stopping signals the
 * whole group, so nothing it started is left behind.
 */
export async function startBenchProcess(options: StartBenchProcessOptions): Promise<BenchProcess> {
  const node = [process.execPath, '--conditions=@shopgraph/source', '--import', 'tsx', ...(options.nodeFlags ?? []), options.entry];
  const [command, ...args] = options.core !== undefined && CAN_PIN ? ['taskset', '-c', ALL_CORES, ...node] : node;
  const child = spawn(command as string, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
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
      if (options.echo !== false) process.stdout.write(`${formatLogLine(options.name, line, false)}\n`);
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
  const processHandle: BenchProcess = {
    name: options.name,
    base,
    url: `${base}/graphql`,
    port: options.port,
    pid: child.pid ?? -1,
    exited,
    async stop(graceMs = 5_000) {
      if (exitCode !== undefined) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Anything the entry started and left behind goes with it.
      killGroup(child, 'SIGKILL');
    },
    async kill() {
      if (exitCode !== undefined) return;
      killGroup(child, 'SIGKILL');
      await exited;
    },
  };
  const timeoutMs = options.readyTimeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${options.name} exited with code ${exitCode} before it was ready:\n${recent.join('\n')}`);
    if (await answers(base, options.probe ?? 'ready')) {
      if (options.core !== undefined && CAN_PIN && !pin(processHandle.pid, options.core)) {
        await processHandle.stop(2_000);
        throw new Error(`${options.name} could not be pinned to core ${options.core}`);
      }
      return processHandle;
    }
    await sleep(200);
  }
  await processHandle.stop(2_000);
  throw new Error(`${options.name} was not ready within ${timeoutMs} ms:\n${recent.join('\n')}`);
}

/** Signals the child's whole process group (taskset execs node, so the child is node itself). */
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
