import { createInternalClient, InternalCallError } from '@shopgraph/shared/server';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A loopback server whose answer each test chooses by path; it records what it was sent. */
let server: Server;
let base: string;
const seen: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      if (req.url === '/echo') reply(200, JSON.stringify({ got: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
      else if (req.url === '/hang') setTimeout(() => reply(200, '{}'), 2_000);
      else if (req.url === '/fail') reply(503, '{"error":"SERVICE_UNAVAILABLE"}');
      else if (req.url === '/html') reply(200, '<html>');
      else if (req.url === '/graphql-ok') reply(200, '{"data":{"answer":42}}');
      else if (req.url === '/graphql-errors') reply(200, '{"errors":[{"message":"Cannot query field x"}]}');
      else if (req.url === '/graphql-400') reply(400, '{"errors":[{"message":"bad"}]}');
      else reply(404, '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = createInternalClient({ service: 'peer', timeoutMs: 300 });

async function failureOf(promise: Promise<unknown>): Promise<InternalCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InternalCallError);
  return error as InternalCallError;
}

describe('the internal HTTP client', () => {
  it('posts JSON and returns the parsed answer, with the request id and extra headers', async () => {
    const answer = await client.postJson<{ got: unknown }>(`${base}/echo`, { a: 1 }, { requestId: 'req-123', headers: { 'x-shopgraph-context': 'signed' } });
    expect(answer).toEqual({ got: { a: 1 } });
    const sent = seen.find((request) => request.path === '/echo');
    expect(sent?.headers['x-request-id']).toBe('req-123');
    expect(sent?.headers['x-shopgraph-context']).toBe('signed');
    expect(sent?.headers['content-type']).toBe('application/json');
  });

  it('sends no request id header when none is given', async () => {
    seen.length = 0;
    await client.postJson(`${base}/echo`, {});
    expect(seen[0]?.headers['x-request-id']).toBeUndefined();
  });

  it('gives up on a service that hangs after its timeout: unreachable, naming the service', async () => {
    const error = await failureOf(client.postJson(`${base}/hang`, {}));
    expect(error.failure).toBe('unreachable');
    expect(error.message).toMatch(/^peer: did not answer/);
  });

  it('a per-call timeout overrides the default', async () => {
    const patient = createInternalClient({ service: 'peer', timeoutMs: 50 });
    const error = await failureOf(patient.postJson(`${base}/hang`, {}, { timeoutMs: 100 }));
    expect(error.failure).toBe('unreachable');
  });

  it('a refused connection is unreachable too', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await failureOf(client.postJson(`http://127.0.0.1:${port}/`, {}))).failure).toBe('unreachable');
  });

  it('an error status is reported with the status, a non-JSON answer as malformed', async () => {
    const failed = await failureOf(client.postJson(`${base}/fail`, {}));
    expect([failed.failure, failed.status]).toEqual(['status', 503]);
    expect((await failureOf(client.postJson(`${base}/html`, {}))).failure).toBe('malformed');
  });

  it('graphql returns data, and reads errors or a 4xx as a refusal naming the first error', async () => {
    expect(await client.graphql(`${base}/graphql-ok`, '{ answer }', {})).toEqual({ answer: 42 });
    const refused = await failureOf(client.graphql(`${base}/graphql-errors`, '{ x }', {}));
    expect(refused.failure).toBe('malformed');
    expect(refused.message).toContain('Cannot query field x');
    expect((await failureOf(client.graphql(`${base}/graphql-400`, '{ x }', {}))).failure).toBe('malformed');
    expect((await failureOf(client.graphql(`${base}/fail`, '{ x }', {}))).failure).toBe('status');
  });
});

describe('entity lookups through the internal client', () => {
  let entityServer: Server;
  let url: string;
  const asked: { query: string; variables: { representations: { __typename: string; id: string }[] } }[] = [];
  beforeAll(async () => {
    entityServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof asked)[number];
        asked.push(body);
        // Resolves ids starting with "known", null for the rest, in order, as a subgraph does.
        const entities = body.variables.representations.map(({ id }) => (id.startsWith('known') ? { id, price: 100 } : null));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _entities: entities } }));
      });
    });
    await new Promise<void>((resolve) => entityServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(entityServer.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => entityServer.close(() => resolve())));

  it('asks once for each distinct id, names the operation, and returns only the entities that exist', async () => {
    const found = await client.entities<{ id: string }>(url, { operationName: 'TestPrices', typename: 'ProductVariant', selection: 'id price', ids: ['known-1', 'missing', 'known-1'] });
    expect(found).toEqual([{ id: 'known-1', price: 100 }]);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.query).toContain('query TestPrices(');
    expect(asked[0]!.query).toContain('... on ProductVariant { id price }');
    expect(asked[0]!.variables.representations).toEqual([
      { __typename: 'ProductVariant', id: 'known-1' },
      { __typename: 'ProductVariant', id: 'missing' },
    ]);
  });

  it('sends nothing for no ids', async () => {
    asked.length = 0;
    expect(await client.entities(url, { operationName: 'None', typename: 'ProductVariant', selection: 'id', ids: [] })).toEqual([]);
    expect(asked).toHaveLength(0);
  });
});
