import { Redis } from 'ioredis';

/** What to do when Redis does not answer, for people and for CI logs. */
export const REDIS_INSTALL_HINT =
  'Start a local Redis: on Debian/Ubuntu `apt-get install -y redis-server` then ' +
  '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`; ' +
  'or set REDIS_URL to a Redis that answers.';

/**
 * PINGs Redis once and throws an Error that says what to do when it does not answer within
 * `timeoutMs`. Never hangs and never retries: it is a start-up check, not a client.
 */
export async function assertRedisAnswers(url: string, timeoutMs = 2_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Without a listener an unreachable server becomes an unhandled 'error' event.
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // The overall deadline covers what ioredis's own timeouts do not (a TLS or AUTH stall).
    const answer = await Promise.race([client.connect().then(() => client.ping()), deadline]);
    if (answer !== 'PONG') throw new Error(`PING answered ${JSON.stringify(answer)}`);
  } catch (error) {
    // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than ioredis's "Connection is closed".
    const cause = [lastError?.message, (error as Error).message].filter((m, i, all) => m && all.indexOf(m) === i).join('; ');
    throw new Error(`Redis does not answer at ${redactUrl(url)} (${cause}). ${REDIS_INSTALL_HINT}`, { cause: error });
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** A URL may carry a password; error messages end up in CI logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable REDIS_URL)';
  }
}
