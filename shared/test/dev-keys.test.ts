import {
  createInternalContextSigner,
  createInternalContextVerifier,
  createSessionKeyRing,
  createSessionTokenCodec,
  generateKeys,
  internalContextPrivateKeySchema,
  internalContextPublicKeySetSchema,
  sessionKeySetSchema,
} from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';

describe('generateKeys', () => {
  it('when keys are generated, then each set satisfies the schema its configuration variable is parsed with', async () => {
    const keys = await generateKeys('dev-keys-test');
    expect(sessionKeySetSchema.safeParse(keys.sessionKeys).success).toBe(true);
    expect(internalContextPrivateKeySchema.safeParse(keys.internalContextPrivateKey).success).toBe(true);
    expect(internalContextPublicKeySetSchema.safeParse(keys.internalContextPublicKeys).success).toBe(true);
    // And they survive the trip through an environment variable.
    expect(sessionKeySetSchema.parse(JSON.parse(JSON.stringify(keys.sessionKeys)))).toEqual(keys.sessionKeys);
  });

  it('when keys are generated, then the public set carries no private part', async () => {
    const { internalContextPublicKeys, internalContextPrivateKey } = await generateKeys('dev-keys-test');
    expect(internalContextPrivateKey.d).toEqual(expect.any(String));
    for (const key of internalContextPublicKeys.keys) expect(key).not.toHaveProperty('d');
    expect(JSON.stringify(internalContextPublicKeys)).not.toContain(String(internalContextPrivateKey.d));
  });

  it('when a context is signed with the private key, then the public set verifies it', async () => {
    const keys = await generateKeys('dev-keys-test');
    const signer = await createInternalContextSigner(keys.internalContextPrivateKey);
    const verifier = createInternalContextVerifier(keys.internalContextPublicKeys, { audience: 'cart' });
    const context = { session: { sessionId: 'AbCdEfGhIjKlMnOpQrStUv' }, requestId: 'req-dev' };
    expect(await verifier.verify(await signer.sign(context, 'cart'))).toEqual(context);
  });

  it('when a session is encoded with the session keys, then it decodes with them', async () => {
    const { sessionKeys } = await generateKeys('dev-keys-test');
    const codec = createSessionTokenCodec(await createSessionKeyRing(sessionKeys));
    const token = await codec.encode({ sessionId: 'AbCdEfGhIjKlMnOpQrStUv', customerId: 'cust-1' }, 60);
    expect(await codec.decode(token)).toMatchObject({ ok: true, claims: { sid: 'AbCdEfGhIjKlMnOpQrStUv', cid: 'cust-1' } });
  });

  it('when two sets are generated, then their keys differ even under the same suffix', async () => {
    const [a, b] = await Promise.all([generateKeys('same'), generateKeys('same')]);
    expect(a.sessionKeys.keys[0]?.k).not.toBe(b.sessionKeys.keys[0]?.k);
    expect(a.internalContextPrivateKey.d).not.toBe(b.internalContextPrivateKey.d);
    const bVerifier = createInternalContextVerifier(b.internalContextPublicKeys, { audience: 'cart' });
    const aToken = await (await createInternalContextSigner(a.internalContextPrivateKey)).sign({ session: { sessionId: 'AbCdEfGhIjKlMnOpQrStUv' }, requestId: 'r' }, 'cart');
    expect(await bVerifier.verify(aToken)).toBeUndefined();
  });

  it('when no suffix is given, then kids are still well-formed', async () => {
    const keys = await generateKeys();
    expect(keys.sessionKeys.keys[0]?.kid).toMatch(/^session-[0-9a-z]+$/);
    expect(keys.internalContextPrivateKey.kid).toMatch(/^ctx-[0-9a-z]+$/);
    expect(keys.internalContextPublicKeys.keys[0]?.kid).toBe(keys.internalContextPrivateKey.kid);
  });
});
