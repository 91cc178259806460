import { createInternalContextSigner, createInternalContextVerifier, createSessionKeyRing, createSessionTokenCodec, generateKeys, newSessionId } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';
import { createCachedSigner } from '../src/propagation/cached-signer.js';
import { createCachedCodec } from '../src/session/cached-codec.js';
import { ExpiringCache, SecondSight } from '@shopgraph/shared/server';

describe('the expiring cache', () => {
  it('when full, then the least recently used entry goes first', () => {
    const cache = new ExpiringCache<number>(2);
    cache.set('a', 1, Infinity);
    cache.set('b', 2, Infinity);
    cache.get('a');
    cache.set('c', 3, Infinity);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('when an entry has expired, then it is gone', () => {
    const cache = new ExpiringCache<number>(10);
    cache.set('a', 1, 1_000, 0, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1_000)).toBeUndefined();
  });

  it('when entries expired and are never asked for again, then the next write drops them instead of keeping them until the cache is full', () => {
    const cache = new ExpiringCache<number>(50_000);
    for (let i = 0; i < 1_000; i++) cache.set(`old-${i}`, i, 250, 0, 0);
    expect(cache.size).toBe(1_000);
    cache.set('new', 1, 1_250, 0, 1_000);
    expect(cache.size).toBe(1);
  });

  it('when over its byte budget, then the least recently used entries go until it fits', () => {
    const cache = new ExpiringCache<number>({ maxEntries: 100, maxBytes: 1_000 });
    cache.set('a', 1, Infinity, 400);
    cache.set('b', 2, Infinity, 400);
    cache.set('c', 3, Infinity, 400);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    expect(cache.totalBytes).toBe(800);
  });

  it('when it admits on second sight, then a key stored once is not kept, and the same key stored again is', () => {
    const cache = new ExpiringCache<number>({ maxEntries: 100, admitOnSecondSight: 1_024 });
    for (let i = 0; i < 50; i++) cache.set(`one-shot-${i}`, i, Infinity);
    expect(cache.size).toBe(0);
    cache.set('returning', 1, Infinity);
    cache.set('returning', 2, Infinity);
    expect(cache.get('returning')).toBe(2);
    // Once in, a key is updated in place, with no second sight needed.
    cache.set('returning', 3, Infinity);
    expect(cache.get('returning')).toBe(3);
  });
});

describe('second sight', () => {
  it('when a key comes once, then it was not seen before; when it comes again, it was; its table never grows', () => {
    const sight = new SecondSight(1_000);
    expect(sight.bytes).toBe(1_024 * 4);
    expect(sight.seenBefore('session-a')).toBe(false);
    expect(sight.seenBefore('session-a')).toBe(true);
    expect(sight.seenBefore('session-b')).toBe(false);
    for (let i = 0; i < 100_000; i++) sight.seenBefore(`visitor-${i}`);
    expect(sight.bytes).toBe(1_024 * 4);
  });

  it('when any key comes back at once, then it was seen before, whatever its hash', () => {
    const sight = new SecondSight(1_024);
    const missed = Array.from({ length: 1_000 }, (_, i) => `session-${i}`).filter((key) => sight.seenBefore(key) || !sight.seenBefore(key));
    expect(missed).toEqual([]);
  });

  it('when another key takes its slot, then the first must be seen once more to count', () => {
    const sight = new SecondSight(2);
    // With two slots, of three keys two share one: find them.
    const keys = ['k0', 'k1', 'k2'];
    for (const key of keys) sight.seenBefore(key);
    const evicted = keys.filter((key) => !sight.seenBefore(key));
    expect(evicted.length).toBeGreaterThan(0);
  });
});

describe('the cached session codec', () => {
  it('when a token came twice, then it decodes from then on without decrypting, and refusals are never cached', async () => {
    const keys = await generateKeys('cache');
    const codec = createSessionTokenCodec(await createSessionKeyRing(keys.sessionKeys));
    let decrypts = 0;
    const counting = { ...codec, decode: (token: string, now?: Date) => ((decrypts += 1), codec.decode(token, now)) };
    const cached = createCachedCodec(counting);
    const token = await codec.encode({ sessionId: newSessionId(), customerId: 'c1' }, 3600);
    // The first sight is not cached: a session that sends one request leaves nothing behind.
    expect((await cached.decode(token)).ok).toBe(true);
    expect((await cached.decode(token)).ok).toBe(true);
    expect(decrypts).toBe(2);
    expect(await cached.decode(token)).toMatchObject({ ok: true, claims: { cid: 'c1' } });
    expect(await cached.decode(token)).toMatchObject({ ok: true, claims: { cid: 'c1' } });
    expect(decrypts).toBe(2);
    for (let i = 0; i < 3; i++) await cached.decode('garbage');
    expect(decrypts).toBe(5);
  });

  it('when a cached token expires, then it is decrypted again and refused', async () => {
    const keys = await generateKeys('expiry');
    const codec = createCachedCodec(createSessionTokenCodec(await createSessionKeyRing(keys.sessionKeys)));
    const issued = new Date('2026-01-01T00:00:00Z');
    const token = await codec.encode({ sessionId: newSessionId() }, 60, issued);
    expect((await codec.decode(token, new Date(issued.getTime() + 30_000))).ok).toBe(true);
    expect(await codec.decode(token, new Date(issued.getTime() + 61_000))).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('the cached context signer', () => {
  it('when one session asks three times, then it is signed twice (its first sight is not cached) and gets the same signature from then on; another session, or one naming its guest session, gets its own', async () => {
    const keys = await generateKeys('signer');
    const perCall = await createInternalContextSigner(keys.internalContextPrivateKey);
    let signatures = 0;
    const signer = createCachedSigner({ sign: (context, audience) => ((signatures += 1), perCall.sign(context, audience)) });
    const verifier = createInternalContextVerifier(keys.internalContextPublicKeys, { audience: 'cart' });
    const session = { sessionId: newSessionId(), customerId: 'c1' };
    await signer.sign({ session, requestId: 'r0' }, 'cart');
    const first = await signer.sign({ session, requestId: 'r1' }, 'cart');
    expect(await signer.sign({ session, requestId: 'r2' }, 'cart')).toBe(first);
    expect(signatures).toBe(2);
    expect(await signer.sign({ session: { sessionId: newSessionId() } }, 'cart')).not.toBe(first);
    expect(await signer.sign({ session, clientIp: '10.0.0.9' }, 'cart')).not.toBe(first);
    const signedInFromGuest = { ...session, mergeFromSessionId: newSessionId() };
    await signer.sign({ session: signedInFromGuest, requestId: 'r3' }, 'cart');
    const withGuest = await signer.sign({ session: signedInFromGuest, requestId: 'r4' }, 'cart');
    expect(withGuest).not.toBe(first);
    expect(await signer.sign({ session: signedInFromGuest, requestId: 'r5' }, 'cart')).toBe(withGuest);
    expect((await verifier.verify(withGuest))?.session).toEqual(signedInFromGuest);
    expect((await verifier.verify(first))?.session).toEqual(session);
    // Each subgraph gets a context of its own: cart's is never what catalog receives.
    await signer.sign({ session, requestId: 'r6' }, 'catalog');
    const forCatalog = await signer.sign({ session, requestId: 'r7' }, 'catalog');
    expect(forCatalog).not.toBe(first);
    expect(await verifier.verify(forCatalog)).toBeUndefined();
  });
});
