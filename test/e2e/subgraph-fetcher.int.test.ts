import { createSubgraphFetcher } from '@shopgraph/gateway';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSilentAddress } from '../support/silent-address.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

const QUERY = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' };

describe('the subgraph fetcher', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  async function setUp(
    timeoutMs = 10_000,
    connectionsPerSubgraph = 2,
    shareInFlightReads = false,
    connectRetryMs = 0,
    connectTimeoutMs = 1_000,
  ): Promise<{ standIn: SubgraphStandIn; fetcher: ReturnType<typeof createSubgraphFetcher> }> {
    const standIn = await startSubgraphStandIn();
    const fetcher = createSubgraphFetcher({ timeoutMs, paymentTimeoutMs: timeoutMs, connectionsPerSubgraph, shareInFlightReads, connectTimeoutMs, connectRetryMs });
    cleanups.push(async () => {
      await fetcher.close();
      await standIn.stop();
    });
    return { standIn, fetcher };
  }

  it('when more fetches are in flight than the pool allows, then they wait for its connections instead of opening more', async () => {
    const { standIn, fetcher } = await setUp(10_000, 2);
    const fetches = Array.from({ length: 5 }, () => fetcher.fetch(standIn.url, QUERY));
    await standIn.whenPending(2);
    expect(standIn.pending()).toBe(2);
    standIn.release();
    const responses = await Promise.all(fetches);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(standIn.requests()).toBe(5);
    // Five exchanges over the two kept-alive connections.
    expect(standIn.connections()).toBe(2);
  });

  it('when fetches follow one another on a pool of one, then they all travel on one kept-alive connection', async () => {
    // With room for more, undici may open a second connection while the first is being handed back.
    const { standIn, fetcher } = await setUp(10_000, 1);
    standIn.release();
    for (let i = 0; i < 3; i++) await (await fetcher.fetch(standIn.url, QUERY)).text();
    expect(standIn.connections()).toBe(1);
  });

  it('when the subgraph never answers, then the fetch is aborted at the deadline with a TimeoutError', async () => {
    const { standIn, fetcher } = await setUp(200);
    await expect(fetcher.fetch(standIn.url, QUERY)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(standIn.requests()).toBe(1);
  });

  it('when nothing listens at the subgraph’s address, then the fetch fails as fetch does, with TypeError("fetch failed")', async () => {
    const { standIn, fetcher } = await setUp(2_000);
    const url = standIn.url;
    await standIn.stop();
    await expect(fetcher.fetch(url, QUERY)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('when the subgraph refuses connections for a moment (a replica restarting), then the fetch asks again and gets its answer', async () => {
    const { standIn, fetcher } = await setUp(10_000, 2, false, 8_000);
    const url = standIn.url;
    await standIn.stop();
    const fetching = fetcher.fetch(url, QUERY);
    // Refused at least once before the subgraph is back on its port.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const back = await startSubgraphStandIn(Number(new URL(url).port));
    cleanups.push(() => back.stop());
    back.release();
    expect((await fetching).status).toBe(200);
    expect(back.requests()).toBe(1);
  });

  it('when the subgraph keeps refusing past the retry window, then the fetch fails as fetch does', async () => {
    const { standIn, fetcher } = await setUp(10_000, 2, false, 300);
    const url = standIn.url;
    await standIn.stop();
    await expect(fetcher.fetch(url, QUERY)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('when the subgraph’s address goes silent (a replica gone with its network), then the fetch fails at the connect timeout, not at its deadline', async () => {
    const { fetcher } = await setUp(10_000, 2, false, 0, 200);
    const silent = await startSilentAddress();
    cleanups.push(() => silent.stop());
    // A TimeoutError would mean it waited out the 10 s deadline, as a fetch without the connect timeout does.
    await expect(fetcher.fetch(`http://127.0.0.1:${silent.port}/graphql`, QUERY)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'UND_ERR_CONNECT_TIMEOUT' },
    });
  });

  it('when the subgraph’s address is silent for a moment, then the fetch asks again, as after a refusal, and gets its answer from the replica that comes back', async () => {
    const { fetcher } = await setUp(10_000, 2, false, 8_000, 200);
    const silent = await startSilentAddress();
    const url = `http://127.0.0.1:${silent.port}/graphql`;
    const fetching = fetcher.fetch(url, QUERY);
    // Several connect timeouts of 200 ms pass while the address stays silent.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await silent.stop();
    const back = await startSubgraphStandIn(silent.port);
    cleanups.push(() => back.stop());
    back.release();
    expect((await fetching).status).toBe(200);
    expect(back.requests()).toBe(1);
  });

  it('when the subgraph answers, then status, headers and the JSON body read as from fetch, and a clone reads the same body', async () => {
    const { standIn, fetcher } = await setUp();
    standIn.release();
    const response = await fetcher.fetch(standIn.url, QUERY);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const clone = response.clone();
    expect(await response.json()).toEqual(await clone.json());
    expect(response.bodyUsed).toBe(true);
  });

  describe('a connection lost under the exchange', () => {
    /** A subgraph that drops the connection of its first `drops` requests unanswered, as one that stops can. */
    async function startDropping(drops: number): Promise<{ url: string; requests: () => number }> {
      let requests = 0;
      const server = createServer((req, res) => {
        requests++;
        req.resume();
        req.once('end', () => {
          if (requests <= drops) req.socket.destroy();
          else res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, requests: () => requests };
    }
    const fetcherFor = () => {
      const fetcher = createSubgraphFetcher({ timeoutMs: 10_000, paymentTimeoutMs: 10_000, connectionsPerSubgraph: 2, shareInFlightReads: false, connectTimeoutMs: 1_000, connectRetryMs: 0 });
      cleanups.push(() => fetcher.close());
      return fetcher;
    };

    it('when a read’s connection is dropped before its answer, then the read is sent once more and gets its answer', async () => {
      const subgraph = await startDropping(1);
      const response = await fetcherFor().fetch(subgraph.url, QUERY);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
      expect(subgraph.requests()).toBe(2);
    });

    it('when a read’s connection is dropped twice, then the fetch fails after one resend', async () => {
      const subgraph = await startDropping(2);
      await expect(fetcherFor().fetch(subgraph.url, QUERY)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
      expect(subgraph.requests()).toBe(2);
    });

    it('when a mutation’s connection is dropped, then it is never sent again: the subgraph may have acted on it', async () => {
      const subgraph = await startDropping(1);
      const mutation = { ...QUERY, body: '{"query":"mutation { signOut }"}' };
      await expect(fetcherFor().fetch(subgraph.url, mutation)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
      expect(subgraph.requests()).toBe(1);
    });
  });

  describe('sharing reads in flight', () => {
    const read = (context: string, query = '{ __typename }') => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopgraph-context': context, 'x-request-id': Math.random().toString(36) },
      body: JSON.stringify({ query }),
    });

    it('when identical reads with one signed context are in flight together, then the subgraph gets one fetch and every caller its own answer', async () => {
      const { standIn, fetcher } = await setUp(10_000, 4, true);
      const fetches = Array.from({ length: 5 }, () => fetcher.fetch(standIn.url, read('context-a')));
      await standIn.whenPending(1);
      standIn.release();
      const answers = await Promise.all(fetches.map(async (fetched) => (await fetched).json() as Promise<unknown>));
      expect(standIn.requests()).toBe(1);
      expect(new Set(answers).size).toBe(5);
      expect(answers.every((answer) => JSON.stringify(answer) === JSON.stringify(answers[0]))).toBe(true);
    });

    it('when reads differ in signed context or query, or are mutations, then each makes its own fetch', async () => {
      const { standIn, fetcher } = await setUp(10_000, 8, true);
      const fetches = [
        fetcher.fetch(standIn.url, read('context-a')),
        fetcher.fetch(standIn.url, read('context-b')),
        fetcher.fetch(standIn.url, read('context-a', 'query Other { __typename }')),
        fetcher.fetch(standIn.url, read('context-a', 'mutation { signOut }')),
        fetcher.fetch(standIn.url, read('context-a', 'mutation { signOut }')),
      ];
      await standIn.whenPending(5);
      standIn.release();
      await Promise.all(fetches);
      expect(standIn.requests()).toBe(5);
    });

    it('when a shared read has finished, then the next identical read fetches afresh', async () => {
      const { standIn, fetcher } = await setUp(10_000, 2, true);
      standIn.release();
      await (await fetcher.fetch(standIn.url, read('context-a'))).text();
      await (await fetcher.fetch(standIn.url, read('context-a'))).text();
      expect(standIn.requests()).toBe(2);
    });
  });
});
