import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface EntryProcess {
  child: ChildProcess;
  /** The URL its ready line announced. */
  url: string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Resolves once a JSON log line with this `msg` has been written (or already was). */
  logged: (msg: string) => Promise<void>;
  /** Every JSON log line so far. */
  lines: () => Record<string, unknown>[];
}

/**
 * A service's own entry point (`<dir>/src/main.ts`) in a child process, as `npm start` and a
 * container run it, so its signal handling is the real one. Resolves once it logs `<service> ready`.
 */
export async function startEntryProcess(service: string, entry: string, env: Record<string, string>): Promise<EntryProcess> {
  const child = spawn(process.execPath, ['--conditions=@shopgraph/source', '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: () => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    let entryLine: Record<string, unknown>;
    try {
      entryLine = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    lines.push(entryLine);
    for (const waiter of waiters.filter((candidate) => candidate.msg === entryLine['msg'])) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const logged = (msg: string) =>
    lines.some((line) => line['msg'] === msg) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ msg, resolve }));
  const readyMsg = `${service} ready`;
  const outcome = await Promise.race([logged(readyMsg).then(() => 'ready' as const), exited.then(() => 'exited' as const)]);
  if (outcome === 'exited') throw new Error(`${service} exited before it was ready:\n${stderr}`);
  const ready = lines.find((line) => line['msg'] === readyMsg)!;
  return { child, url: ready['url'] as string, exited, logged, lines: () => lines };
}
