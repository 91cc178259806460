import {
  BatchWriteCommand,
  DeleteCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { sessionItem } from '@shopgraph/identity';
import {
  createInternalContextSigner,
  createLogger,
  createSessionKeyRing,
  createSessionTokenCodec,
  HEADER_INTERNAL_CONTEXT,
  newSessionId,
  Role,
  SESSION_COOKIE_NAME,
  toSession,
  type InternalContextSigner,
  type Session,
  type SessionTokenCodec,
} from '@shopgraph/shared';
import { batchPutAll } from '@shopgraph/shared/dynamo';
import { createInternalClient, createSessionRevocations } from '@shopgraph/shared/server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSessionStatus } from '../../gateway/src/session/session-status.js';
import { setRoleCommand } from '../../tools/identity/set-role.js';
import { becomesTrue } from '../support/eventually.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload, type Storefront } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const VIEWER = contractOperation('Viewer');
/** Whether a token is served as signed in; unlike Viewer, without listing the customer's sessions. */
const SIGNED_IN = 'query SignedIn { viewer { isAuthenticated } }';
const SIGN_OUT_EVERYWHERE = contractOperation('SignOutEverywhere');
const SET_STOCK = contractOperation('SetStock');
const SESSIONS = 10_000;
/** Tokens presented over HTTP to each replica; every one of the 10,000 goes through the status function. */
const SAMPLE = 20;

interface ViewerData {
  viewer: { isAuthenticated: boolean; sessions: { id: string; current: boolean }[] };
}

/** Identity's table client, noting the partition of every item each write touches. */
function recordingDynamo() {
  let log: string[] | undefined;
  const partitions = (command: unknown): string[] => {
    const input = (command as { input: Record<string, never> }).input as Record<string, unknown>;
    const pk = (item: unknown) => String((item as { PK?: unknown } | undefined)?.PK);
    if (command instanceof PutCommand) return [pk(input['Item'])];
    if (command instanceof UpdateCommand || command instanceof DeleteCommand) return [pk(input['Key'])];
    if (command instanceof TransactWriteCommand) {
      return (input['TransactItems'] as Record<string, { Item?: unknown; Key?: unknown }>[]).map((entry) => {
        const action = Object.values(entry)[0]!;
        return pk(action.Item ?? action.Key);
      });
    }
    if (command instanceof BatchWriteCommand) {
      return Object.values(input['RequestItems'] as Record<string, { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]>)
        .flat()
        .map((request) => pk(request.PutRequest?.Item ?? request.DeleteRequest?.Key));
    }
    return [];
  };
  const wrap = (client: DynamoDBDocumentClient): DynamoDBDocumentClient =>
    new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
        return (command: unknown, ...rest: unknown[]) => {
          log?.push(...partitions(command));
          return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
        };
      },
    });
  return {
    wrap,
    /** The partitions `run`'s writes touched, less the pending-revocation notes (the revocation sync clears those too, at its own pace). */
    async writtenDuring<T>(run: () => Promise<T>): Promise<{ result: T; partitions: string[] }> {
      log = [];
      try {
        const result = await run();
        return { result, partitions: log.filter((partition) => partition !== 'REVOCATION#PENDING') };
      } finally {
        log = undefined;
      }
    },
  };
}

/** A customer signed up on the web (a cookie) and signed in on a phone (a bearer token, which works on any replica). */
async function customerWithPhone(url: string) {
  const email = uniqueEmail('marks');
  const web = createStorefront(url);
  const signUp = await web.request<{ signUp: AuthPayload }>(contractOperation('SignUp'), { input: { email, password: SHOPPER_PASSWORD, name: 'Ada' } });
  const signIn = await createStorefront(url).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), {
    input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' },
  });
  return { web, email, customerId: signUp.body.data!.signUp.customer!.id, phoneToken: signIn.body.data!.signIn.sessionToken! };
}

const webToken = (web: Storefront) => web.cookie!.slice(SESSION_COOKIE_NAME.length + 1);

const authenticated = async (device: Storefront) => (await device.request<ViewerData>(SIGNED_IN)).body.data!.viewer.isAuthenticated;

describe('ending every session of a customer with one mark', () => {
  const dynamo = recordingDynamo();
  const redis = new Redis(inject('redisUrl'), { enableAutoPipelining: true });
  let stack: TestStack;
  let codec: SessionTokenCodec;
  let signer: InternalContextSigner;
  /** The replica each sign-out everywhere goes through (with the longest "not revoked" cache allowed), and another. */
  let ranIt: string;
  let other: string;
  const markerKey = () => `${stack.redisKeyPrefix}session:revocations-complete`;
  const markKey = (customerId: string) => `${stack.redisKeyPrefix}session:ended-through:${customerId}`;

  beforeAll(async () => {
    stack = await startStack({ products: 2, identity: { wrapDynamo: dynamo.wrap } });
    ranIt = await stack.startGateway({ SESSION_ACTIVE_CACHE_MS: '1000' });
    other = await stack.startGateway();
    codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    signer = await createInternalContextSigner(stack.keys.internalContextPrivateKey);
    // Redis vouches for its revocations once identity's first sync has run.
    expect(await becomesTrue(async () => (await redis.exists(markerKey())) === 1)).toBe(true);
  });
  afterAll(async () => {
    await stack?.stop();
    await redis.quit();
  });

  /** As `count` sign-ins would have left the customer: its sign-in counter, and a record per session. */
  async function seedSessions(customerId: string, count: number): Promise<Session[]> {
    const { Attributes } = await stack.tables.client.send(
      new UpdateCommand({
        TableName: stack.tables.names.identity,
        Key: { PK: `CUSTOMER#${customerId}`, SK: 'CUSTOMER' },
        UpdateExpression: 'ADD signInCount :count',
        ExpressionAttributeValues: { ':count': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const last = Attributes!['signInCount'] as number;
    const sessions = Array.from({ length: count }, (_, index): Session => ({ sessionId: newSessionId(), customerId, role: Role.CUSTOMER, signInNumber: last - index }));
    const createdAt = new Date().toISOString();
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const items = sessions.map(({ sessionId, signInNumber }) => sessionItem({ sessionId, customerId, createdAt, lastSeenAt: createdAt, expiresAt, signInNumber }));
    const lanes = 8;
    await Promise.all(Array.from({ length: lanes }, (_, lane) => batchPutAll(stack.tables.client, stack.tables.names.identity, items.filter((_, index) => index % lanes === lane))));
    return sessions;
  }

  async function sessionsOf(tokens: readonly string[]): Promise<Session[]> {
    return Promise.all(
      tokens.map(async (token) => {
        const decoded = await codec.decode(token);
        if (!decoded.ok) throw new Error('a token did not decode');
        return toSession(decoded.claims);
      }),
    );
  }

  /** What identity answers a gateway that cannot trust Redis: the fallback path. */
  async function identitySaysActive(session: Session): Promise<boolean> {
    const response = await fetch(stack.subgraphUrls.identity.replace(/\/graphql$/, '/internal/session-status'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HEADER_INTERNAL_CONTEXT]: await signer.sign({ session, requestId: 'marks' }, 'identity') },
      body: '{}',
    });
    return ((await response.json()) as { active: boolean }).active;
  }

  /** Identity's operator command, pointed at this stack's table and Redis. */
  async function setRole(email: string, role: string, more: Record<string, string | undefined> = {}) {
    const out: string[] = [];
    const env = { DYNAMODB_ENDPOINT: stack.tables.endpoint, IDENTITY_TABLE: stack.tables.names.identity, REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: stack.redisKeyPrefix, ...more };
    const code = await setRoleCommand([email, role], env, { out: (line) => out.push(line), err: (line) => out.push(line) });
    return { code, out: out.join('\n') };
  }

  it('when a customer with 10,000 sessions signs out everywhere, then it writes what it writes for two, and every token is refused on every replica', async () => {
    // The control for the write count: a customer with two sessions.
    const few = await customerWithPhone(ranIt);
    const two = await dynamo.writtenDuring(() => few.web.request<{ signOutEverywhere: boolean }>(SIGN_OUT_EVERYWHERE));
    expect(two.result.body.data?.signOutEverywhere).toBe(true);

    const { web, email, customerId, phoneToken } = await customerWithPhone(ranIt);
    const seeded = await seedSessions(customerId, SESSIONS - 2);
    const tokens = [webToken(web), phoneToken, ...(await Promise.all(seeded.map((session) => codec.encode(session, 3600))))];
    expect(tokens).toHaveLength(SESSIONS);
    const sessions = await sessionsOf(tokens);
    // The gateway's own check, as each replica runs it on a cache miss.
    const status = createSessionStatus({
      revocations: createSessionRevocations({ redis, keyPrefix: stack.redisKeyPrefix }),
      identity: createInternalClient({ service: 'identity', timeoutMs: 15_000 }),
      signer,
      identityStatusUrl: stack.subgraphUrls.identity.replace(/\/graphql$/, '/internal/session-status'),
      activeCacheMs: 0,
    });
    const logger = createLogger({ service: 'test', level: 'silent' });
    const states = async (of: readonly Session[]) => new Set(await Promise.all(of.map((session) => status.stateOf(session, 'marks', logger))));
    const sample = tokens.slice(1, SAMPLE + 1).flatMap((token) => [ranIt, other].map((url) => createStorefront(url, { bearer: token })));
    const bystander = await customerWithPhone(other);

    // Controls: before, the sessions are live, and the sample is served by both replicas
    // (which leaves each replica's "not revoked" answer cached).
    expect(await states(sessions.slice(0, 100))).toEqual(new Set(['live']));
    for (const device of sample) expect(await authenticated(device)).toBe(true);

    const everywhere = await dynamo.writtenDuring(() => web.request<{ signOutEverywhere: boolean }>(SIGN_OUT_EVERYWHERE));
    expect(everywhere.result.body.errors).toBeUndefined();
    expect(everywhere.result.body.data!.signOutEverywhere).toBe(true);
    expect(everywhere.result.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    // The same writes for 10,000 sessions as for two: the customer item, and no session record.
    expect(everywhere.partitions).toEqual([`CUSTOMER#${customerId}`]);
    expect(two.partitions).toEqual([`CUSTOMER#${few.customerId}`]);

    // What every replica reads on a cache miss says all 10,000 have ended, from now on.
    expect(await states(sessions)).toEqual(new Set(['ended']));
    // The replica that ran it refuses them at once, its cached "not revoked" answers dropped;
    // the other once its cache (250 ms here, 1,000 ms at most) lapses.
    for (const device of sample.filter((_, index) => index % 2 === 0)) expect(await authenticated(device)).toBe(false);
    for (const device of sample.filter((_, index) => index % 2 === 1)) expect(await becomesTrue(async () => !(await authenticated(device)))).toBe(true);
    // Identity, which gateways ask when Redis cannot vouch, says the same.
    for (const session of sessions.slice(0, SAMPLE)) expect(await identitySaysActive(session)).toBe(false);

    // Controls: another customer's session, and one signed in after the mark, go on.
    for (const url of [ranIt, other]) expect(await authenticated(createStorefront(url, { bearer: bystander.phoneToken }))).toBe(true);
    const after = await createStorefront(other).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), {
      input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' },
    });
    const fresh = after.body.data!.signIn.sessionToken!;
    for (const url of [ranIt, other]) expect(await authenticated(createStorefront(url, { bearer: fresh }))).toBe(true);
    // Its listing shows it alone, right away: none of the 10,000.
    const listed = (await createStorefront(other, { bearer: fresh }).request<ViewerData>(VIEWER)).body.data!.viewer.sessions;
    expect(listed).toEqual([expect.objectContaining({ current: true })]);
    // The timeout is a hang guard, not a speed check: 10,000 records and tokens to make.
  }, 120_000);

  it('when Redis loses its data after a sign-out everywhere, then the ended sessions stay refused and identity writes the mark back', async () => {
    const { web, customerId, phoneToken } = await customerWithPhone(ranIt);
    const bystander = await customerWithPhone(ranIt);
    await web.request(SIGN_OUT_EVERYWHERE);
    expect(await redis.exists(markKey(customerId))).toBe(1);

    // What a Redis restart without persistence does to this stack's keys.
    const keys = await redis.keys(`${stack.redisKeyPrefix}session:*`);
    if (keys.length > 0) await redis.del(...keys);

    // `other` never checked the phone: its first answer comes from identity, which has the mark.
    expect(await authenticated(createStorefront(other, { bearer: phoneToken }))).toBe(false);
    expect(await authenticated(createStorefront(other, { bearer: bystander.phoneToken }))).toBe(true);

    expect(await becomesTrue(async () => (await redis.exists(markerKey())) === 1)).toBe(true);
    expect(await redis.exists(markKey(customerId))).toBe(1);
    const [phone] = await sessionsOf([phoneToken]);
    expect(await createSessionRevocations({ redis, keyPrefix: stack.redisKeyPrefix }).isEnded(phone!)).toBe(true);
    expect(await authenticated(createStorefront(other, { bearer: bystander.phoneToken }))).toBe(true);
  });

  it('when an admin is demoted, then the token that carries ADMIN is refused on every replica, and the next sign-in is a customer’s', async () => {
    const { email, phoneToken: before } = await customerWithPhone(ranIt);
    const promoted = await setRole(email, 'ADMIN');
    expect(promoted).toMatchObject({ code: 0, out: expect.stringContaining('CUSTOMER -> ADMIN') as string });
    // The promotion ended the sessions they had, whose tokens say CUSTOMER.
    expect(await becomesTrue(async () => !(await authenticated(createStorefront(other, { bearer: before }))))).toBe(true);

    const signIn = async () =>
      (await createStorefront(ranIt).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), { input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' } })).body.data!
        .signIn.sessionToken!;
    const adminToken = await signIn();
    const setStock = (url: string, token: string) => createStorefront(url, { bearer: token }).request(SET_STOCK, { variantId: 'var_00001_1', quantity: 7 });
    // Controls: the admin's token works for admin mutations on both replicas, and running the
    // command again without a change ends nothing.
    for (const url of [ranIt, other]) expect((await setStock(url, adminToken)).body.errors).toBeUndefined();
    expect(await setRole(email, 'ADMIN')).toMatchObject({ code: 0, out: expect.stringContaining('already ADMIN') as string });
    expect(await authenticated(createStorefront(other, { bearer: adminToken }))).toBe(true);

    const demoted = await setRole(email, 'CUSTOMER');
    expect(demoted).toMatchObject({ code: 0, out: expect.stringContaining('ADMIN -> CUSTOMER') as string });
    // Redis says so as soon as the command returns; each replica once its short cache lapses.
    const [admin] = await sessionsOf([adminToken]);
    expect(admin!.role).toBe(Role.ADMIN);
    expect(await createSessionRevocations({ redis, keyPrefix: stack.redisKeyPrefix }).isEnded(admin!)).toBe(true);
    for (const url of [ranIt, other]) {
      expect(await becomesTrue(async () => !(await authenticated(createStorefront(url, { bearer: adminToken }))))).toBe(true);
      expect((await setStock(url, adminToken)).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    const [again] = await sessionsOf([await signIn()]);
    expect(again!.role).toBe(Role.CUSTOMER);

    expect(await setRole('nobody@example.com', 'ADMIN')).toMatchObject({ code: 1 });
  });

  it('when an admin is demoted with REDIS_URL=none (Redis out of reach), then identity’s revocation sync writes the mark, and the token that carries ADMIN is refused on every replica', async () => {
    const { email } = await customerWithPhone(ranIt);
    expect(await setRole(email, 'ADMIN')).toMatchObject({ code: 0 });
    const signIn = await createStorefront(ranIt).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), { input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' } });
    const adminToken = signIn.body.data!.signIn.sessionToken!;
    // The control: the admin's token is accepted on both replicas before the demotion.
    for (const url of [ranIt, other]) expect(await authenticated(createStorefront(url, { bearer: adminToken }))).toBe(true);

    const demoted = await setRole(email, 'CUSTOMER', { REDIS_URL: 'none' });
    expect(demoted).toMatchObject({ code: 0, out: expect.stringContaining('ADMIN -> CUSTOMER') as string });
    expect(demoted.out).toContain('revocation sync');
    for (const url of [ranIt, other]) expect(await becomesTrue(async () => !(await authenticated(createStorefront(url, { bearer: adminToken }))))).toBe(true);
  });

  it('when set-role would change AWS’s table (no DYNAMODB_ENDPOINT) without REDIS_URL, then it refuses: its default Redis is one no gateway reads', async () => {
    const refused = await setRole('nobody@example.com', 'ADMIN', { DYNAMODB_ENDPOINT: undefined, REDIS_URL: undefined });
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/REDIS_URL=none/);
  });
});
