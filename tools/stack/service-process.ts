import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatLogLine } from './log-format.js';

export interface ServiceProcess {
  name: string;
  url: string;
  pid: number;
  /** Resolves with the exit code when the process ends, for whatever reason. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process is gone. */
  stop(graceMs: number): Promise<void>;
}

export interface StartServiceOptions {
  name: string;
  /** The service's entry point, relative to the repository root. */
  entry: string;
  /**
   * `source` (default) runs the TypeScript entry with tsx; `compiled` runs a built
   * `dist/` entry with plain node and only `env` (plus PATH), as a container's CMD would.
   */
  mode?: 'source' | 'compiled';
  port: number;
  env: Record<string, string>;
  cwd: string;
  readyTimeoutMs?: number;
}

/**
 * Runs one service as a child process (from its TypeScript sources, or compiled), prints its log lines with
 * a prefix, and resolves once its /ready answers 200. If it exits or does not get ready in
 * time, rejects with what it printed last.
 */
export async function startServiceProcess(options: StartServiceOptions): Promise<ServiceProcess> {
  const compiled = options.mode === 'compiled';
  const args = compiled ? [options.entry] : ['--conditions=@shopgraph/source', '--import', 'tsx', options.entry];
  const baseEnv = compiled ? { PATH: process.env['PATH'] ?? '' } : process.env;
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...baseEnv, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: Ctrl-C in a terminal signals only the launcher, which then
    // stops the services in order (gateway first) instead of all of them at once.
    detached: true,
  });
  // Should the launcher itself die, take the service with it rather than leave it running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (line.trim() === '') return;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      process.stdout.write(`${formatLogLine(options.name, line)}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  const base = `http://127.0.0.1:${options.port}`;
  const service: ServiceProcess = { name: options.name, url: `${base}/graphql`, pid: child.pid ?? -1, exited, stop: (graceMs) => stopChild(child, exited, graceMs) };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${options.name} exited with code ${exitCode} before it was ready:\n${recent.join('\n')}`);
    }
    if (await isReady(`${base}/ready`)) return service;
    await sleep(200);
  }
  await service.stop(2_000);
  throw new Error(`${options.name} was not ready within ${options.readyTimeoutMs ?? 60_000} ms:\n${recent.join('\n')}`);
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
