import { assertPortFree } from '../dynamodb-local/free-port.js';

/** Throws, naming the first port, when a port the compose stack publishes is already taken on this machine. */
export async function assertHostPortsFree(ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    await assertPortFree(port).catch(() => {
      throw new Error(`port ${port} is already in use on this machine, and the compose stack publishes it (HAProxy): stop what listens there (ss -ltnp 'sport = :${port}')`);
    });
  }
}
