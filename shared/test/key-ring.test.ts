import { createSessionKeyRing, createSessionTokenCodec, sessionKeySetSchema } from '@shopgraph/shared';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const k = () => randomBytes(32).toString('base64url');

describe('sessionKeySetSchema', () => {
  it('when the set holds two distinct 256-bit keys, then it parses', () => {
    const set = { keys: [{ kty: 'oct', kid: 'a', k: k() }, { kty: 'oct', kid: 'b', k: k() }] };
    expect(sessionKeySetSchema.parse(set)).toEqual(set);
  });

  it.each([
    ['no keys', { keys: [] }],
    ['two keys with one kid', { keys: [{ kty: 'oct', kid: 'a', k: k() }, { kty: 'oct', kid: 'a', k: k() }] }],
    ['a 128-bit key', { keys: [{ kty: 'oct', kid: 'a', k: randomBytes(16).toString('base64url') }] }],
    ['a key in standard base64', { keys: [{ kty: 'oct', kid: 'a', k: `${randomBytes(32).toString('base64')}` }] }],
    ['an RSA key type', { keys: [{ kty: 'RSA', kid: 'a', k: k() }] }],
    ['an empty kid', { keys: [{ kty: 'oct', kid: '', k: k() }] }],
  ])('when the set has %s, then it is refused', (_name, set) => {
    expect(sessionKeySetSchema.safeParse(set).success).toBe(false);
  });
});

describe('createSessionKeyRing', () => {
  it('when given [first, second], then the first encrypts and both are available by kid', async () => {
    const ring = await createSessionKeyRing({ keys: [{ kty: 'oct', kid: 'first', k: k() }, { kty: 'oct', kid: 'second', k: k() }] });
    expect(ring.current.kid).toBe('first');
    expect([...ring.byKid.keys()]).toEqual(['first', 'second']);
    expect(ring.byKid.get('first')).toBe(ring.current.key);
  });

  it('when keys are imported, then they are AES-GCM, usable for both directions, and not extractable', async () => {
    const ring = await createSessionKeyRing({ keys: [{ kty: 'oct', kid: 'only', k: k() }] });
    expect(ring.current.key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...ring.current.key.usages].sort()).toEqual(['decrypt', 'encrypt']);
    expect(ring.current.key.extractable).toBe(false);
  });

  it('when two rings are built from the same key material, then a token from one decodes with the other', async () => {
    const set = { keys: [{ kty: 'oct' as const, kid: 'shared', k: k() }] };
    const token = await createSessionTokenCodec(await createSessionKeyRing(set)).encode({ sessionId: 'x'.repeat(22) }, 60);
    const result = await createSessionTokenCodec(await createSessionKeyRing(set)).decode(token);
    expect(result).toMatchObject({ ok: true, claims: { sid: 'x'.repeat(22) } });
  });

  it('when the set is empty, then building the ring throws', async () => {
    await expect(createSessionKeyRing({ keys: [] })).rejects.toThrow(/empty/);
  });
});
