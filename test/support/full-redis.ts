import { Redis } from 'ioredis';
import { createServer, type Socket } from 'node:net';
import { inject } from 'vitest';
import type {} from './provided-context.js';

/** What Redis answers a write when it is at `maxmemory` under `maxmemory-policy noeviction`. */
export const OOM_ERROR = "OOM command not allowed when used memory > 'maxmemory'.";

/** Among the commands shopgraph sends, those Redis flags `deny-oom`: refused when it is full. */
const DENY_OOM = new Set(['set', 'setex', 'psetex', 'setnx', 'mset', 'getset', 'append', 'incr', 'incrby', 'decr', 'decrby', 'eval', 'evalsha', 'hset', 'sadd', 'zadd', 'lpush', 'rpush']);

const CRLF = Buffer.from('\r\n');

/** One RESP command (an array of bulk strings, as every client sends), or undefined until it has all arrived. */
function parseCommand(buffer: Buffer): { args: Buffer[]; length: number } | undefined {
  let offset = 0;
  const line = () => {
    const end = buffer.indexOf(CRLF, offset);
    if (end < 0) return undefined;
    const text = buffer.toString('latin1', offset, end);
    offset = end + 2;
    return text;
  };
  const header = line();
  if (header === undefined) return undefined;
  if (!header.startsWith('*')) throw new Error('the stand-in understands only RESP arrays');
  const args: Buffer[] = [];
  for (let index = 0, count = Number(header.slice(1)); index < count; index++) {
    const size = line();
    if (size === undefined) return undefined;
    const length = Number(size.slice(1));
    if (buffer.length < offset + length + 2) return undefined;
    args.push(buffer.subarray(offset, offset + length));
    offset += length + 2;
  }
  return { args, length: offset };
}

const errorReply = (message: string) => Buffer.from(`-${message.replace(/\r?\n/g, ' ')}\r\n`);

function encode(value: unknown): Buffer {
  if (value === null || value === undefined) return Buffer.from('$-1\r\n');
  if (value instanceof Error) return errorReply(value.message);
  if (typeof value === 'number') return Buffer.from(`:${value}\r\n`);
  if (Array.isArray(value)) return Buffer.concat([Buffer.from(`*${value.length}\r\n`), ...value.map(encode)]);
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  return Buffer.concat([Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF]);
}

/**
 * A Redis stand-in on a port of its own, in front of the run's real Redis: it passes every
 * command through until `refuseWrites()`, then answers as a Redis at `maxmemory` under
 * `noeviction` does: `-OOM` to each deny-oom command, and inside MULTI to every queued command,
 * whose EXEC then answers `-EXECABORT`. Reads and deletes still pass. The real Redis, which
 * every other test file shares, is never filled.
 */
export async function startFullRedis(upstreamUrl: string = inject('redisUrl')) {
  let full = false;
  const connections = new Set<{ socket: Socket; upstream: Redis }>();

  const server = createServer((socket) => {
    // One upstream connection per client connection, so MULTI state stays per connection.
    const upstream = new Redis(upstreamUrl, { enableAutoPipelining: false, maxRetriesPerRequest: 1 });
    upstream.on('error', () => undefined);
    const connection = { socket, upstream };
    connections.add(connection);
    let pending = Buffer.alloc(0);
    let replies = Promise.resolve();
    let inTransaction = false;
    let discarded = false;

    const answer = (args: Buffer[]): Promise<Buffer> => {
      const name = args[0]!.toString('latin1').toLowerCase();
      const forward = () => upstream.callBuffer(name, ...args.slice(1)).then(encode, (error: Error) => errorReply(error.message));
      if (name === 'multi') {
        inTransaction = true;
        discarded = false;
        return forward();
      }
      if (name === 'exec' || name === 'discard') {
        inTransaction = false;
        if (!discarded) return forward();
        // The real transaction holds nothing this client would expect: drop it upstream.
        void upstream.call('discard').catch(() => undefined);
        return Promise.resolve(name === 'exec' ? errorReply('EXECABORT Transaction discarded because of previous errors.') : encode('OK'));
      }
      if (full && (inTransaction || DENY_OOM.has(name))) {
        if (inTransaction) discarded = true;
        return Promise.resolve(errorReply(OOM_ERROR));
      }
      return forward();
    };

    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (let command = parseCommand(pending); command; command = parseCommand(pending)) {
        pending = pending.subarray(command.length);
        // Answered at once (an OOM) or by Redis, the replies go back in the commands' order.
        const reply = answer(command.args);
        replies = replies.then(async () => {
          const bytes = await reply;
          if (!socket.destroyed) socket.write(bytes);
        });
      }
    });
    const close = () => {
      connections.delete(connection);
      upstream.disconnect();
    };
    socket.on('close', close);
    socket.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `redis://127.0.0.1:${port}`,
    refuseWrites: () => (full = true),
    acceptWrites: () => (full = false),
    async close(): Promise<void> {
      for (const { socket, upstream } of connections) {
        socket.destroy();
        upstream.disconnect();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
