import {
  createInternalContextSigner,
  createSessionKeyRing,
  createSessionTokenCodec,
  createLogger,
  generateKeys,
  HEADER_REFRESHED_SESSION_TOKEN,
  newSessionId,
  SESSION_COOKIE_NAME,
  type SessionTokenCodec,
} from '@shopgraph/shared';
import type { InternalClient } from '@shopgraph/shared/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionRefresher } from '../src/session/refresh-session.js';
import { createTokenPolicy, type TokenPolicy } from '../src/session/token-policy.js';

const IDLE_SECONDS = 3_600;
const REFRESH_SECONDS = 300;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('the token policy: one reading, one decryption, every rule about a token’s age', () => {
  let codec: SessionTokenCodec;
  let policy: TokenPolicy;
  let decrypts = 0;
  beforeAll(async () => {
    const real = createSessionTokenCodec(await createSessionKeyRing((await generateKeys('policy')).sessionKeys));
    codec = {
      ...real,
      decode: (token, now) => {
        decrypts++;
        return real.decode(token, now);
      },
    };
    policy = createTokenPolicy({ codec, idleTimeoutSeconds: IDLE_SECONDS, refreshAfterSeconds: REFRESH_SECONDS });
  });

  const tokenIssued = (at: Date) => codec.encode({ sessionId: newSessionId(), customerId: 'cus_1' }, 30 * 86_400, at);

  it('when a bearer token and a cookie both come, then the bearer token is the one read, and a malformed header is no token', async () => {
    const token = await tokenIssued(new Date());
    expect(policy.presented({ authorization: `Bearer ${token}`, cookie: `${SESSION_COOKIE_NAME}=other` })).toEqual({ transport: 'bearer', bearer: true, token });
    expect(policy.presented({ cookie: `a=b; ${SESSION_COOKIE_NAME}=${token}` })).toEqual({ transport: 'cookie', bearer: false, token });
    expect(policy.presented({ authorization: 'Basic abc' })).toEqual({ transport: 'bearer', bearer: true });
  });

  it('when tokens of every age are judged, then each gets its verdict from one decryption', async () => {
    const judge = async (at: Date) => (await policy.judge(policy.presented({ authorization: `Bearer ${await tokenIssued(at)}` }))).kind;
    const before = decrypts;
    expect(await judge(minutesAgo(1))).toBe('current');
    expect(await judge(minutesAgo(IDLE_SECONDS / 60 + 1))).toBe('idle');
    expect(decrypts - before).toBe(2);
    expect((await policy.judge(policy.presented({ authorization: 'Bearer not-a-token' }))).kind).toBe('refused');
    expect((await policy.judge(policy.presented({}))).kind).toBe('absent');
  });

  it('when a token passes the refresh point, then it is due; before it, not', async () => {
    const due = await policy.judge(policy.presented({ authorization: `Bearer ${await tokenIssued(minutesAgo(REFRESH_SECONDS / 60 + 1))}` }));
    const fresh = await policy.judge(policy.presented({ authorization: `Bearer ${await tokenIssued(minutesAgo(1))}` }));
    expect(due).toMatchObject({ kind: 'current', refreshDue: true });
    expect(fresh).toMatchObject({ kind: 'current', refreshDue: false });
  });

  it('when a public read comes, then it needs no session unless its token is due or a refused cookie must be replaced', async () => {
    const needsNone = async (headers: { authorization?: string; cookie?: string }) => {
      const presented = policy.presented(headers);
      return policy.publicReadNeedsNoSession(presented, await policy.judge(presented));
    };
    expect(await needsNone({})).toBe(true);
    expect(await needsNone({ cookie: `${SESSION_COOKIE_NAME}=${await tokenIssued(minutesAgo(1))}` })).toBe(true);
    expect(await needsNone({ cookie: `${SESSION_COOKIE_NAME}=${await tokenIssued(minutesAgo(REFRESH_SECONDS / 60 + 1))}` })).toBe(false);
    expect(await needsNone({ cookie: `${SESSION_COOKIE_NAME}=garbage` })).toBe(false);
    expect(await needsNone({ authorization: 'Bearer garbage' })).toBe(true);
  });
});

describe('the session refresher', () => {
  it('when one old token keeps coming, then it is reissued once: the same replacement each time, identity told once', async () => {
    const keys = await generateKeys('refresh');
    const codec = createSessionTokenCodec(await createSessionKeyRing(keys.sessionKeys));
    let reissues = 0;
    let seen = 0;
    const counting: SessionTokenCodec = {
      ...codec,
      reissue: (claims, now) => {
        reissues++;
        return codec.reissue(claims, now);
      },
    };
    const identity = { postJson: async () => void seen++ } as unknown as InternalClient;
    const refresh = createSessionRefresher({
      codec: counting,
      signer: await createInternalContextSigner(keys.internalContextPrivateKey),
      identity,
      refreshAfterSeconds: REFRESH_SECONDS,
      identitySeenUrl: 'http://127.0.0.1:9/internal/session-seen',
    });
    const old = await codec.decode(await codec.encode({ sessionId: newSessionId(), customerId: 'cus_1' }, 86_400, minutesAgo(10)));
    if (!old.ok) throw new Error('did not decode');
    const another = await codec.decode(await codec.encode({ sessionId: newSessionId(), customerId: 'cus_2' }, 86_400, minutesAgo(10)));
    if (!another.ok) throw new Error('did not decode');
    const sent: string[] = [];
    const target = { transport: 'bearer' as const, logger: createLogger({ service: 'test', level: 'silent' }), setSessionCookie: () => undefined, setHeader: (name: string, value: string) => void (name === HEADER_REFRESHED_SESSION_TOKEN && sent.push(value)) };
    await Promise.all([refresh(old.claims, target), refresh(old.claims, target), refresh(old.claims, target)]);
    await refresh(old.claims, target);
    expect(sent).toHaveLength(4);
    expect(new Set(sent).size).toBe(1);
    expect(reissues).toBe(1);
    // Identity is told in the background (the request does not wait on it): wait for it.
    await vi.waitFor(() => expect(seen).toBe(1));
    // Control: another session's old token is its own refresh.
    await refresh(another.claims, target);
    expect(reissues).toBe(2);
    await vi.waitFor(() => expect(seen).toBe(2));
  });
});
