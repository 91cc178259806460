import { createServer } from 'node:net';

/**
 * Asks the OS for a port free on every interface (DynamoDB Local binds them all) and
 * releases it. Another process can take it before the caller binds it, so callers that can
 * retry on "address in use" should.
 */
export async function findFreePort(): Promise<number> {
  return listenOnce(0);
}

/** Resolves when `port` can be bound on every interface right now; rejects with EADDRINUSE otherwise. */
export async function assertPortFree(port: number): Promise<void> {
  await listenOnce(port);
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    // No host: the unspecified address, so a port taken on any interface counts as taken.
    server.listen({ port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => (bound ? resolve(bound) : reject(new Error('the OS gave no port'))));
    });
  });
}
