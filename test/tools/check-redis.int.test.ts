import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertRedisAnswers } from '../../tools/redis/check-redis.js';

describe('assertRedisAnswers', () => {
  it('passes against the Redis of this run', async () => {
    await expect(assertRedisAnswers(inject('redisUrl'))).resolves.toBeUndefined();
  });

  it('fails fast with the install hint when nothing listens', async () => {
    const started = Date.now();
    await expect(assertRedisAnswers('redis://127.0.0.1:1')).rejects.toThrow(
      /Redis does not answer at redis:\/\/127\.0\.0\.1:1.*apt-get install -y redis-server.*redis-server --daemonize yes --bind 127\.0\.0\.1 --port 6379.*REDIS_URL/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  describe('against a server that accepts but never answers', () => {
    let silent: Server;
    let port: number;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      silent = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      port = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('gives up after the timeout instead of hanging, and hides the password', async () => {
      const failure = assertRedisAnswers(`redis://:s3cret@127.0.0.1:${port}`, 300);
      await expect(failure).rejects.toThrow(/no answer within 300 ms/);
      await expect(failure).rejects.not.toThrow(/s3cret/);
    });
  });
});
