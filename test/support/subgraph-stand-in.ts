import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SubgraphStandIn {
  /** The URL to configure as a subgraph's (`SUBGRAPH_URL_…`). */
  url: string;
  /** Requests that reached it. */
  requests: () => number;
  /** TCP connections opened to it. */
  connections: () => number;
  /** Requests it has received and not answered yet. */
  pending: () => number;
  /** Answers every request held so far, and from then on answers at once. */
  release: () => void;
  /** Resolves once `count` requests are held. */
  whenPending: (count: number) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * A subgraph that accepts connections and requests but holds every answer until released:
 * a hung service, for the gateway's timeout, a counter of the calls that reach it, and a
 * view of how many connections the gateway opens to it. Released, it answers a GraphQL
 * error (it serves no schema).
 */
/** `port` 0 (the default) picks a free one; a given port brings a stopped stand-in back where it was. */
export async function startSubgraphStandIn(port = 0): Promise<SubgraphStandIn> {
  let requests = 0;
  let connections = 0;
  let released = false;
  const held: ServerResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const answer = (res: ServerResponse) => {
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'stand-in' }] }));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests++;
    req.resume();
    req.once('end', () => {
      if (released) return answer(res);
      held.push(res);
      res.once('close', () => held.splice(held.indexOf(res), 1));
      for (const waiter of waiters.filter((candidate) => held.length >= candidate.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${listening}/graphql`,
    requests: () => requests,
    connections: () => connections,
    pending: () => held.length,
    release() {
      released = true;
      for (const res of [...held]) answer(res);
    },
    whenPending: (count) =>
      held.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
