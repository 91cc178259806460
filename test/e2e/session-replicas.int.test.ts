import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  HEADER_REFRESHED_SESSION_TOKEN,
  HEADER_SERVICE_TOKEN,
  SESSION_COOKIE_NAME,
  newSessionId,
  createServiceTokenSigner,
  createSessionKeyRing,
  createSessionTokenCodec,
  generateKeys,
  type ServiceTokenSigner,
} from '@shopgraph/shared';
import { Redis } from 'ioredis';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

const SIGN_UP = contractOperation('SignUp');
const VIEWER = contractOperation('Viewer');
const CART = contractOperation('Cart');
const ADD = contractOperation('AddToCart');

interface ViewerData {
  viewer: { isAuthenticated: boolean };
}

const FALLBACK_WARNING = 'redis cannot vouch for revocations; checking the session record with identity';

/** An HTTP server that accepts requests and never answers: a subgraph that hangs. */
async function hangingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let counter = 0;
const signUpInput = () => ({ email: `replica${Date.now()}${counter++}@example.com`, password: 'correct horse battery', name: 'Grace' });

describe('sessions across gateway replicas', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 4 });
  });
  afterAll(() => stack?.stop());

  it('when a session starts on one gateway, then another serves it, and a revocation on one is refused by the other within a second', async () => {
    const second = await stack.startGateway();
    const web = createStorefront(stack.gatewayUrl);
    await web.request(SIGN_UP, { input: signUpInput() });
    const elsewhere = createStorefront(second);
    elsewhere.cookie = web.cookie;
    expect((await elsewhere.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);

    await web.request(contractOperation('SignOut'));
    const signedOutAt = Date.now();
    // The other replica may reuse its "not revoked" answer briefly (SESSION_ACTIVE_CACHE_MS);
    // the promise is refusal within a second.
    let refusedAfterMs: number | undefined;
    while (refusedAfterMs === undefined && Date.now() - signedOutAt < 2_000) {
      const after = await elsewhere.request<ViewerData>(VIEWER);
      if (!after.body.data!.viewer.isAuthenticated) refusedAfterMs = Date.now() - signedOutAt;
    }
    expect(refusedAfterMs).toBeDefined();
    expect(refusedAfterMs).toBeLessThan(1_000);
  });

  it('when Redis is down for a gateway, then requests keep working and revoked sessions are still refused', async () => {
    const withoutRedis = await stack.startGateway({ REDIS_URL: 'redis://127.0.0.1:1' });
    const web = createStorefront(stack.gatewayUrl);
    await web.request(SIGN_UP, { input: signUpInput() });
    const cookie = web.cookie;

    const degraded = createStorefront(withoutRedis);
    degraded.cookie = cookie;
    expect((await degraded.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);
    await degraded.request(ADD, { variantId: 'var_00001_1', quantity: 1 });
    expect(((await degraded.request<{ cart: { totalQuantity: number } }>(CART)).body.data!.cart.totalQuantity)).toBe(1);

    await web.request(contractOperation('SignOut'));
    const refused = createStorefront(withoutRedis);
    refused.cookie = cookie;
    expect((await refused.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(false);
    expect(stack.logLines().some((line) => line['msg'] === FALLBACK_WARNING)).toBe(true);
  });

  it('when Redis stays down, then the fallback warning is logged at a bounded rate, not once per request', async () => {
    const withoutRedis = await stack.startGateway({ REDIS_URL: 'redis://127.0.0.1:1' });
    const web = createStorefront(stack.gatewayUrl);
    await web.request(SIGN_UP, { input: signUpInput() });
    const degraded = createStorefront(withoutRedis);
    degraded.cookie = web.cookie;
    const warnings = () => stack.logLines().filter((line) => line['msg'] === FALLBACK_WARNING).length;
    const before = warnings();
    for (let request = 0; request < 20; request++) {
      expect((await degraded.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);
    }
    // The first request logs it (the control: it is logged at all); the next 19 are held back.
    expect(warnings() - before).toBe(1);
  });

  it('when Redis is down and identity does not answer, then a signed-in request gets 503 and keeps its cookie', async () => {
    const hung = await hangingServer();
    try {
      const web = createStorefront(stack.gatewayUrl);
      await web.request(SIGN_UP, { input: signUpInput() });
      // The production deadline: this test is about it.
      const isolated = await stack.startGateway({ REDIS_URL: 'redis://127.0.0.1:1', SUBGRAPH_URL_IDENTITY: hung.url, IDENTITY_TIMEOUT_MS: '1500' });
      const device = createStorefront(isolated);
      device.cookie = web.cookie;

      const { status, body, headers } = await device.request<ViewerData>(VIEWER);
      expect(status).toBe(503);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      expect(headers.get('retry-after')).toEqual(expect.any(String));
      expect(headers.get('set-cookie')).toBeNull();
      expect(device.cookie).toBe(web.cookie);

      // Control: an anonymous visitor, whose session guards nothing, is served by the same replica.
      const visitor = createStorefront(isolated);
      const browse = await visitor.request(contractOperation('Browse'), { first: 1 });
      expect(browse.status).toBe(200);
      expect(browse.body.errors).toBeUndefined();
      // And the signed-in session itself was never replaced: a healthy replica still serves it.
      expect((await web.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);
    } finally {
      await hung.close();
    }
  });

  it('when a new session key is added, then old tokens still work; when the old key is removed, they are refused cleanly', async () => {
    const web = createStorefront(stack.gatewayUrl);
    await web.request(SIGN_UP, { input: signUpInput() });
    const oldKey = stack.keys.sessionKeys.keys[0]!;
    const newKey = (await generateKeys('rotated')).sessionKeys.keys[0]!;

    const rotated = createStorefront(await stack.startGateway({ SESSION_KEYS: JSON.stringify({ keys: [newKey, oldKey] }) }));
    rotated.cookie = web.cookie;
    expect((await rotated.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);

    const retired = createStorefront(await stack.startGateway({ SESSION_KEYS: JSON.stringify({ keys: [newKey] }) }));
    retired.cookie = web.cookie;
    const { status, body, headers } = await retired.request<ViewerData>(VIEWER);
    expect(status).toBe(200);
    expect(body.data!.viewer.isAuthenticated).toBe(false);
    // The replacement anonymous cookie is under the new key.
    const codec = createSessionTokenCodec(await createSessionKeyRing({ keys: [newKey] }));
    const replacement = headers.get('set-cookie')!.split(';')[0]!.slice(SESSION_COOKIE_NAME.length + 1);
    expect((await codec.decode(replacement)).ok).toBe(true);
  });

  it('when a cookie and a bearer token name different sessions, then the bearer token wins', async () => {
    const phone = createStorefront(stack.gatewayUrl);
    const started = await phone.request<{ startSession: { sessionToken: string } }>(contractOperation('StartSession'), { transport: 'BEARER' });
    const bearer = started.body.data!.startSession.sessionToken;
    await createStorefront(stack.gatewayUrl, { bearer }).request(ADD, { variantId: 'var_00002_1', quantity: 2 });

    const web = createStorefront(stack.gatewayUrl);
    await web.request(ADD, { variantId: 'var_00003_1', quantity: 1 });
    const both = createStorefront(stack.gatewayUrl, { bearer });
    both.cookie = web.cookie;
    const { body } = await both.request<{ cart: { lines: { variant: { id: string } }[] } }>(CART);
    expect(body.data!.cart.lines.map((line) => line.variant.id)).toEqual(['var_00002_1']);
  });

  it('when the guest-cart hand-over is replayed, then the lines are added once', async () => {
    const visitor = createStorefront(stack.gatewayUrl);
    await visitor.request(ADD, { variantId: 'var_00001_1', quantity: 2 });
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const decoded = await codec.decode(visitor.cookie!.slice(SESSION_COOKIE_NAME.length + 1));
    if (!decoded.ok) throw new Error('visitor cookie did not decode');
    const identity = createServiceTokenSigner(stack.keys.identitySigningPrivateKey, 'identity');
    const handOverUrl = stack.subgraphUrls.cart.replace(/\/graphql$/, '/internal/identity/hand-over-guest-cart');
    const handOverSignedBy = async (signer: ServiceTokenSigner) => {
      const token = await signer.sign('cart', { cid: 'cus_replay', sid: 'AAAAAAAAAAAAAAAAAAAAAA', gsid: decoded.claims.sid, rid: 'replay' });
      return fetch(handOverUrl, { method: 'POST', headers: { 'content-type': 'application/json', [HEADER_SERVICE_TOKEN]: token }, body: '{}' });
    };
    const handOver = async () => (await (await handOverSignedBy(identity)).json()) as { outcome: string; report?: unknown };
    const results = await Promise.all([handOver(), handOver(), handOver()]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['already-merged', 'already-merged', 'merged']);
    // Every replay reads back the one report; none adds again.
    const replay = await handOver();
    expect(replay).toEqual({ outcome: 'already-merged', report: results.find((result) => result.outcome === 'merged')!.report });

    // Only identity may ask: the same call signed with another service's key is refused.
    const refused = await handOverSignedBy(createServiceTokenSigner(stack.keys.checkoutSigningPrivateKey, 'identity'));
    expect(refused.status).toBe(401);
  });

  it('when a token was issued longer ago than the idle timeout, then its session has ended', async () => {
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const stale = await codec.encode({ sessionId: newSessionId(), customerId: 'cus_idle' }, 30 * 24 * 3600, twoHoursAgo);
    const strict = createStorefront(await stack.startGateway({ SESSION_IDLE_TIMEOUT_SECONDS: '3600' }));
    strict.cookie = `${SESSION_COOKIE_NAME}=${stale}`;
    const { body, headers } = await strict.request<ViewerData>(VIEWER);
    expect(body.data!.viewer.isAuthenticated).toBe(false);
    expect(headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
  });

  it('when an active session’s token ages past the refresh point, then it is reissued with the same expiry and the record is seen', async () => {
    const sliding = await stack.startGateway({ SESSION_REFRESH_AFTER_SECONDS: '1' });
    const web = createStorefront(sliding);
    await web.request(SIGN_UP, { input: signUpInput() });
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const before = await codec.decode(web.cookie!.slice(SESSION_COOKIE_NAME.length + 1));
    if (!before.ok) throw new Error('cookie did not decode');
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const { headers } = await web.request<ViewerData>(VIEWER);
    expect(headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
    const after = await codec.decode(web.cookie!.slice(SESSION_COOKIE_NAME.length + 1));
    if (!after.ok) throw new Error('refreshed cookie did not decode');
    expect(after.claims).toMatchObject({ sid: before.claims.sid, cid: before.claims.cid, exp: before.claims.exp });
    expect(after.claims.iat).toBeGreaterThan(before.claims.iat);

    const key = { PK: `SESSION#${before.claims.sid}`, SK: 'SESSION' };
    let record: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      record = (await stack.tables.client.send(new GetCommand({ TableName: stack.tables.names.identity, Key: key }))).Item;
      if (record && record['lastSeenAt'] !== record['createdAt']) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Date.parse(record!['lastSeenAt'] as string)).toBeGreaterThan(Date.parse(record!['createdAt'] as string));
  });

  it('when a bearer token ages past the refresh point, then the response carries its replacement', async () => {
    // Ten minutes past a five-minute refresh point: aged by its issue time, not by waiting, so
    // the fresh token below stays fresh however slow the machine is.
    const sliding = await stack.startGateway({ SESSION_REFRESH_AFTER_SECONDS: '300' });
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const aged = await codec.encode({ sessionId: newSessionId() }, 30 * 24 * 3600, new Date(Date.now() - 600_000));
    const { headers } = await createStorefront(sliding, { bearer: aged }).request(CART);
    const replacement = headers.get(HEADER_REFRESHED_SESSION_TOKEN);
    expect(replacement).toEqual(expect.any(String));
    expect(headers.get('set-cookie')).toBeNull();
    // It hands out a session, as a cookie does: no shared cache may keep it.
    expect(headers.get('cache-control')).toBe('private, no-store');
    const phone = createStorefront(sliding, { bearer: replacement! });
    const fresh = await phone.request<ViewerData>(VIEWER);
    expect(fresh.status).toBe(200);
    // Control: the fresh token is not replaced, and that answer is not marked private by the gateway.
    expect(fresh.headers.get(HEADER_REFRESHED_SESSION_TOKEN)).toBeNull();
    expect(fresh.headers.get('cache-control') ?? '').not.toMatch(/private/);
  });

  it('when Redis loses its data, then revoked sessions stay refused, and identity restores the revocations', async () => {
    const web = createStorefront(stack.gatewayUrl);
    await web.request(SIGN_UP, { input: signUpInput() });
    const cookie = web.cookie;
    await web.request(contractOperation('SignOut'));

    // What a Redis restart without persistence does to this stack's keys.
    const redis = new Redis(inject('redisUrl'));
    const forget = async () => {
      const keys = await redis.keys(`${stack.redisKeyPrefix}session:*`);
      if (keys.length > 0) await redis.del(...keys);
    };
    await forget();

    const replay = createStorefront(stack.gatewayUrl);
    replay.cookie = cookie;
    expect((await replay.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(false);

    let restored = false;
    for (let attempt = 0; attempt < 50 && !restored; attempt++) {
      restored = (await redis.exists(`${stack.redisKeyPrefix}session:revocations-complete`)) === 1;
      if (!restored) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(restored).toBe(true);
    expect((await redis.keys(`${stack.redisKeyPrefix}session:revoked:*`)).length).toBeGreaterThan(0);
    expect((await replay.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(false);
    redis.disconnect();
  });
});
