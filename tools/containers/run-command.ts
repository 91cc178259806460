import { spawn } from 'node:child_process';

/** What a finished command left: its exit code (null when killed), and its output. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Killed (SIGKILL) after this long; the result then says so in `stderr`. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the command's stdin, then closed. */
  input?: string | Buffer;
  /** Each output line as it arrives (long builds), as well as collected. */
  onLine?: (line: string) => void;
}

/**
 * Runs one command without a shell and collects its output. Never throws for a non-zero exit
 * (callers judge the code), only for a command that cannot be started at all, and never
 * waits past `timeoutMs`: a container engine that hangs must not hang the run.
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let pending = '';
    const lines = (chunk: Buffer) => {
      if (!options.onLine) return;
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) options.onLine(line);
    };
    child.stdout?.on('data', (chunk: Buffer) => (out.push(chunk), lines(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => (err.push(chunk), lines(chunk)));
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (pending && options.onLine) options.onLine(pending);
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        code: timedOut ? null : code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: timedOut ? `${stderr}\n(killed after ${options.timeoutMs} ms)` : stderr,
      });
    });
    if (child.stdin) {
      // A command that exits before reading its input is judged by its exit code, not by EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

/** Like runCommand, but a non-zero exit throws an error naming the command and its last output lines. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const tail = lastLines(`${result.stdout}\n${result.stderr}`, 15);
    throw new Error(`${command} ${args.slice(0, 4).join(' ')}… exited ${result.code ?? 'on timeout'}:\n${tail}`);
  }
  return result;
}

/** The last `count` non-empty lines of a text, indented for an error message. */
export function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .map((line) => `    ${line}`)
    .join('\n');
}
