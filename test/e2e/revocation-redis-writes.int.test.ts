import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createSessionKeyRing, createSessionTokenCodec, SESSION_COOKIE_NAME } from '@shopgraph/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { becomesTrue } from '../support/eventually.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { createPausableRedis } from '../support/pausable-redis.js';
import { startStack, type TestStack } from '../support/stack.js';

const SIGN_UP = contractOperation('SignUp');
const SIGN_IN = contractOperation('SignIn');
const VIEWER = contractOperation('Viewer');
const PASSWORD = 'correct horse battery';

interface ViewerData {
  viewer: { isAuthenticated: boolean; sessions: { id: string; current: boolean }[] };
}
type Storefront = ReturnType<typeof createStorefront>;

let counter = 0;
const uniqueEmail = () => `revocation${Date.now()}${counter++}@example.com`;

async function signedUp(url: string): Promise<{ web: Storefront; email: string }> {
  const email = uniqueEmail();
  const web = createStorefront(url);
  await web.request(SIGN_UP, { input: { email, password: PASSWORD, name: 'Ada' } });
  return { web, email };
}

/** The same cookie, sent to another replica, as a stolen copy would be. */
function copyOf(web: Storefront, url: string): Storefront {
  const copy = createStorefront(url);
  copy.cookie = web.cookie;
  return copy;
}

const authenticated = async (device: Storefront) => (await device.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated;

async function sessionIdOf(stack: TestStack, device: Storefront): Promise<string> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
  const decoded = await codec.decode(device.cookie!.slice(SESSION_COOKIE_NAME.length + 1));
  if (!decoded.ok) throw new Error('cookie did not decode');
  return decoded.claims.sid;
}

describe('a revocation whose Redis write fails', () => {
  const redis = new Redis(inject('redisUrl'));
  afterAll(() => redis.quit());

  describe('with the revocation sync running', () => {
    let stack: TestStack;
    let pausable: Awaited<ReturnType<typeof createPausableRedis>>;
    let replicas: string[];
    beforeAll(async () => {
      pausable = await createPausableRedis();
      stack = await startStack({ products: 2, identity: { redis: pausable.client } });
      replicas = [stack.gatewayUrl, await stack.startGateway()];
    });
    afterAll(() => stack?.stop());

    it('when Redis stops taking writes mid sign-out, then the session is refused on every replica, and Redis gets the revocation once it can', async () => {
      const { web } = await signedUp(stack.gatewayUrl);
      const bystander = await signedUp(stack.gatewayUrl);
      const sessionId = await sessionIdOf(stack, web);
      for (const url of replicas) expect(await authenticated(copyOf(web, url))).toBe(true);

      pausable.pauseWrites();
      const out = await web.request(contractOperation('SignOut'));
      expect(out.body.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      // The cookie is not cleared: the client is told to retry.
      expect(out.headers.get('set-cookie')).toBeNull();

      // Redis still answers reads and never got the revocation; the marker that vouches for it
      // lapses, and every replica then asks identity, which has it.
      for (const url of replicas) expect(await becomesTrue(async () => !(await authenticated(copyOf(web, url))))).toBe(true);
      for (const url of replicas) {
        expect(await authenticated(copyOf(web, url))).toBe(false);
        // Control: a session nobody revoked is still served, through identity.
        expect(await authenticated(copyOf(bystander.web, url))).toBe(true);
      }
      expect(await redis.exists(`${stack.redisKeyPrefix}session:revoked:${sessionId}`)).toBe(0);

      pausable.resumeWrites();
      expect(await becomesTrue(async () => (await redis.exists(`${stack.redisKeyPrefix}session:revocations-complete`)) === 1)).toBe(true);
      expect(await redis.exists(`${stack.redisKeyPrefix}session:revoked:${sessionId}`)).toBe(1);
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
        expect(await authenticated(copyOf(web, url))).toBe(false);
        expect(await authenticated(copyOf(bystander.web, url))).toBe(true);
      }
    });
  });

  describe('with only the client’s retry to repair it', () => {
    let stack: TestStack;
    let pausable: Awaited<ReturnType<typeof createPausableRedis>>;
    beforeAll(async () => {
      pausable = await createPausableRedis();
      // The sync runs only at start: whatever reaches Redis afterwards, the retry wrote.
      stack = await startStack({
        products: 2,
        identity: { redis: pausable.client },
        identityEnv: { REVOCATION_SYNC_INTERVAL_MS: '3600000', REVOCATION_MARKER_TTL_SECONDS: '7200' },
      });
      expect(await becomesTrue(async () => (await redis.exists(`${stack.redisKeyPrefix}session:revocations-complete`)) === 1)).toBe(true);
    });
    afterAll(() => stack?.stop());

    it('when revokeSession is retried for a session it already revoked, then it answers true and Redis gets the revocation', async () => {
      const { web, email } = await signedUp(stack.gatewayUrl);
      const tablet = createStorefront(stack.gatewayUrl);
      await tablet.request(SIGN_IN, { input: { email, password: PASSWORD } });
      const tabletId = await sessionIdOf(stack, tablet);
      const revoke = contractOperation('RevokeSession');

      pausable.pauseWrites();
      const failed = await web.request<{ revokeSession: boolean | null }>(revoke, { id: tabletId });
      expect(failed.body.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      pausable.resumeWrites();
      expect(await redis.exists(`${stack.redisKeyPrefix}session:revoked:${tabletId}`)).toBe(0);

      const retried = await web.request<{ revokeSession: boolean }>(revoke, { id: tabletId });
      expect(retried.body.data!.revokeSession).toBe(true);
      expect(await redis.exists(`${stack.redisKeyPrefix}session:revoked:${tabletId}`)).toBe(1);
      expect(await authenticated(tablet)).toBe(false);
      expect(await authenticated(web)).toBe(true);

      // Control: someone else's id is still refused, revoked or not.
      const stranger = await signedUp(stack.gatewayUrl);
      expect((await stranger.web.request<{ revokeSession: boolean }>(revoke, { id: tabletId })).body.data!.revokeSession).toBe(false);
    });

    it('when sign-out is retried after its Redis write failed, then the retry writes Redis and the copy is refused', async () => {
      const { web } = await signedUp(stack.gatewayUrl);
      const sessionId = await sessionIdOf(stack, web);
      const stolen = copyOf(web, stack.gatewayUrl);

      pausable.pauseWrites();
      expect((await web.request(contractOperation('SignOut'))).body.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      pausable.resumeWrites();

      const retried = await web.request<{ signOut: boolean }>(contractOperation('SignOut'));
      expect(retried.body.data!.signOut).toBe(true);
      expect(retried.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      expect(await redis.exists(`${stack.redisKeyPrefix}session:revoked:${sessionId}`)).toBe(1);
      expect(await authenticated(stolen)).toBe(false);
    });
  });
});
