import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';

/** A loopback port whose connections are never made: a SYN sent there gets no answer. */
export interface SilentAddress {
  port: number;
  /** Ends the listener, which frees the port (another server may take it). */
  stop(): Promise<void>;
}

/** How long a filler connection may take before the queue counts as full. */
const FULL_AFTER_MS = 500;

/**
 * Stands in for the address of a replica that has gone with its network, where a connection
 * is neither made nor refused, on loopback: a child process listens with a backlog of one and
 * then blocks its event loop, so it never accepts; connections are made by the kernel until
 * the accept queue is full, and after that each SYN is dropped. The queue is filled here, one
 * connection after another until one is not made.
 */
export async function startSilentAddress(): Promise<SilentAddress> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const server = require('node:net').createServer();
       server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
         process.stdout.write(server.address().port + '\\n', () => { for (;;); });
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(Number(line)));
    void exited.then(() => reject(new Error('the silent listener exited before it listened')));
  });
  const fillers: Socket[] = [];
  for (let attempt = 0; attempt < 16; attempt++) {
    const filler = connect({ host: '127.0.0.1', port });
    filler.on('error', () => undefined);
    fillers.push(filler);
    const made = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), FULL_AFTER_MS);
      filler.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!made) break;
    if (attempt === 15) throw new Error('the silent listener kept accepting connections');
  }
  return {
    port,
    async stop() {
      for (const filler of fillers) filler.destroy();
      child.kill('SIGKILL');
      await exited;
    },
  };
}
