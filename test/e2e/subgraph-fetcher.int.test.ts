import { createSubgraphFetcher } from '@shopgraph/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

const QUERY = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' };

describe('the subgraph fetcher', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  async function setUp(timeoutMs = 10_000, connectionsPerSubgraph = 2): Promise<{ standIn: SubgraphStandIn; fetcher: ReturnType<typeof createSubgraphFetcher> }> {
    const standIn = await startSubgraphStandIn();
    const fetcher = createSubgraphFetcher({ timeoutMs, connectionsPerSubgraph });
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
});
