import { createInternalContextSigner, createInternalContextVerifier, createSessionKeyRing, createSessionTokenCodec, generateKeys, newSessionId } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';
import { createCachedSigner } from '../src/propagation/cached-signer.js';
import { createCachedCodec } from '../src/session/cached-codec.js';
import { ExpiringCache } from '@shopgraph/shared/server';

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
});

describe('the cached session codec', () => {
  it('when a token decoded once, then it decodes again without decrypting, and refusals are never cached', async () => {
    const keys = await generateKeys('cache');
    const codec = createSessionTokenCodec(await createSessionKeyRing(keys.sessionKeys));
    let decrypts = 0;
    const counting = { ...codec, decode: (token: string, now?: Date) => ((decrypts += 1), codec.decode(token, now)) };
    const cached = createCachedCodec(counting);
    const token = await codec.encode({ sessionId: newSessionId(), customerId: 'c1' }, 3600);
    expect((await cached.decode(token)).ok).toBe(true);
    expect(await cached.decode(token)).toMatchObject({ ok: true, claims: { cid: 'c1' } });
    expect(decrypts).toBe(1);
    await cached.decode('garbage');
    await cached.decode('garbage');
    expect(decrypts).toBe(3);
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
  it('when one session asks twice, then it gets the same signature; another session, or one naming its guest session, gets its own', async () => {
    const keys = await generateKeys('signer');
    const signer = createCachedSigner(await createInternalContextSigner(keys.internalContextPrivateKey));
    const verifier = createInternalContextVerifier(keys.internalContextPublicKeys, { audience: 'cart' });
    const session = { sessionId: newSessionId(), customerId: 'c1' };
    const first = await signer.sign({ session, requestId: 'r1' }, 'cart');
    expect(await signer.sign({ session, requestId: 'r2' }, 'cart')).toBe(first);
    expect(await signer.sign({ session: { sessionId: newSessionId() } }, 'cart')).not.toBe(first);
    expect(await signer.sign({ session, clientIp: '10.0.0.9' }, 'cart')).not.toBe(first);
    const signedInFromGuest = { ...session, mergeFromSessionId: newSessionId() };
    const withGuest = await signer.sign({ session: signedInFromGuest, requestId: 'r3' }, 'cart');
    expect(withGuest).not.toBe(first);
    expect(await signer.sign({ session: signedInFromGuest, requestId: 'r5' }, 'cart')).toBe(withGuest);
    expect((await verifier.verify(withGuest))?.session).toEqual(signedInFromGuest);
    expect((await verifier.verify(first))?.session).toEqual(session);
    // Each subgraph gets a context of its own: cart's is never what catalog receives.
    const forCatalog = await signer.sign({ session, requestId: 'r4' }, 'catalog');
    expect(forCatalog).not.toBe(first);
    expect(await verifier.verify(forCatalog)).toBeUndefined();
  });
});
