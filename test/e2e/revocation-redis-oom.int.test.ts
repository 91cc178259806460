import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createLogger } from '@shopgraph/shared';
import { connectRedis, createRedisClient, createSessionRevocations } from '@shopgraph/shared/server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { becomesTrue } from '../support/eventually.js';
import { OOM_ERROR, startFullRedis } from '../support/full-redis.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const SIGNED_IN = 'query SignedIn { viewer { isAuthenticated } }';

describe('a Redis that is full and refuses writes (maxmemory, noeviction)', () => {
  const redis = new Redis(inject('redisUrl'));
  let full: Awaited<ReturnType<typeof startFullRedis>>;
  let stack: TestStack;
  /** Both replicas: one reading the real Redis, one reading through the full one. */
  let replicas: string[];
  const markerKey = () => `${stack.redisKeyPrefix}session:revocations-complete`;

  beforeAll(async () => {
    full = await startFullRedis();
    const identityRedis = createRedisClient({ url: full.url, logger: createLogger({ service: 'test-redis', level: 'silent' }) });
    await connectRedis(identityRedis, createLogger({ service: 'test-redis', level: 'silent' }));
    stack = await startStack({ products: 2, identity: { redis: identityRedis } });
    replicas = [stack.gatewayUrl, await stack.startGateway({ REDIS_URL: full.url })];
    expect(await becomesTrue(async () => (await redis.exists(markerKey())) === 1)).toBe(true);
  });
  afterAll(async () => {
    full.acceptWrites();
    await stack?.stop();
    await full?.close();
    await redis.quit();
  });

  it('when Redis answers OOM, then each revocation write reports "not written", the marker cannot be set, and reads and deletes still work', async () => {
    const client = new Redis(full.url, { maxRetriesPerRequest: 1 });
    const prefix = `${stack.redisKeyPrefix}oom-contract:`;
    const revocations = createSessionRevocations({ redis: client, keyPrefix: prefix });
    try {
      // Control: the same calls while Redis takes writes.
      expect(await revocations.revoke(['AAAAAAAAAAAAAAAAAAAAAA'], 60)).toBe(true);
      expect(await revocations.endSessionsThrough('cus_oom', 3, 60)).toBe(true);
      expect(await revocations.markComplete(60, await revocations.beginRestore(60))).toBe(true);

      full.refuseWrites();
      expect(await revocations.revoke(['BBBBBBBBBBBBBBBBBBBBBB'], 60)).toBe(false);
      expect(await revocations.endSessionsThrough('cus_oom', 4, 60)).toBe(false);
      await expect(revocations.markComplete(60)).rejects.toThrow(OOM_ERROR);
      expect(await revocations.isEnded({ sessionId: 'AAAAAAAAAAAAAAAAAAAAAA' })).toBe(true);
      expect(await revocations.isEnded({ sessionId: 'CCCCCCCCCCCCCCCCCCCCCC', customerId: 'cus_oom', signInNumber: 4 })).toBe(false);
      await revocations.withdrawComplete();
      expect(await revocations.isComplete()).toBe(false);
      // Without the marker, a session Redis holds nothing about is one it cannot vouch for.
      expect(await revocations.isEnded({ sessionId: 'BBBBBBBBBBBBBBBBBBBBBB' })).toBeUndefined();
    } finally {
      full.acceptWrites();
      client.disconnect();
    }
    // The first sync after writes resume sets the marker again for the stack's prefix.
    expect(await becomesTrue(async () => (await redis.exists(markerKey())) === 1)).toBe(true);
  });

  it('when Redis refuses writes for memory during a sign-out everywhere, then the sessions are refused on every replica through identity, and Redis gets the mark once it takes writes', async () => {
    // Signed up and in before Redis fills: the sign-in limiter, which counts in Redis, fails closed.
    const email = uniqueEmail('oom');
    const web = createStorefront(stack.gatewayUrl);
    const signUp = await web.request<{ signUp: AuthPayload }>(contractOperation('SignUp'), { input: { email, password: SHOPPER_PASSWORD, name: 'Ada' } });
    const customerId = signUp.body.data!.signUp.customer!.id;
    const signInBearer = async (address: string) =>
      (await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), {
        input: { email: address, password: SHOPPER_PASSWORD, transport: 'BEARER' },
      })).body.data!.signIn.sessionToken!;
    const phone = await signInBearer(email);
    const bystanderEmail = uniqueEmail('oom-bystander');
    await createStorefront(stack.gatewayUrl).request(contractOperation('SignUp'), { input: { email: bystanderEmail, password: SHOPPER_PASSWORD, name: 'Bo' } });
    const bystander = await signInBearer(bystanderEmail);
    const signedIn = async (url: string, token: string) =>
      (await createStorefront(url, { bearer: token }).request<{ viewer: { isAuthenticated: boolean } }>(SIGNED_IN)).body.data!.viewer.isAuthenticated;
    for (const url of replicas) expect(await signedIn(url, phone)).toBe(true);

    full.refuseWrites();
    const out = await web.request(contractOperation('SignOutEverywhere'));
    expect(out.body.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect(out.headers.get('set-cookie')).toBeNull();
    // Redis took the delete, not the mark: gateways stop trusting it at once.
    expect(await redis.exists(`${stack.redisKeyPrefix}session:ended-through:${customerId}`)).toBe(0);
    expect(await redis.exists(markerKey())).toBe(0);
    for (const url of replicas) {
      expect(await becomesTrue(async () => !(await signedIn(url, phone)))).toBe(true);
      // Control: a session nobody ended is still served, through identity.
      expect(await signedIn(url, bystander)).toBe(true);
    }

    // Identity's sync keeps trying while Redis is full, and does not vouch for it meanwhile.
    const unpublished = () => stack.logLines().filter((line) => line['msg'] === 'pending revocations written to redis' && line['published'] === false).length;
    const before = unpublished();
    expect(await becomesTrue(async () => unpublished() >= before + 2)).toBe(true);
    expect(await redis.exists(markerKey())).toBe(0);

    full.acceptWrites();
    expect(await becomesTrue(async () => (await redis.exists(markerKey())) === 1)).toBe(true);
    expect(await redis.exists(`${stack.redisKeyPrefix}session:ended-through:${customerId}`)).toBe(1);
    const pending = await stack.tables.client.send(
      new QueryCommand({
        TableName: stack.tables.names.identity,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'REVOCATION#PENDING' },
        ConsistentRead: true,
      }),
    );
    expect(pending.Items).toEqual([]);
    for (const url of replicas) {
      expect(await signedIn(url, phone)).toBe(false);
      expect(await signedIn(url, bystander)).toBe(true);
    }
  });
});
