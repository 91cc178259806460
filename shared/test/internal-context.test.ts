import {
  createInternalContextSigner,
  createInternalContextVerifier,
  generateKeys,
  INTERNAL_CONTEXT_LIFETIME_SECONDS,
  internalContextPublicKeySetSchema,
  Role,
  type GeneratedKeys,
  type InternalContext,
  type InternalContextSigner,
  type InternalContextVerifier,
} from '@shopgraph/shared';
import { decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';

const ISSUER = 'shopgraph-gateway';
const AUDIENCE = 'cart';

const context: InternalContext = {
  session: { sessionId: 'AbCdEfGhIjKlMnOpQrStUv', customerId: 'cust-42', role: Role.CUSTOMER },
  requestId: 'req-7f3a',
};

const claimsOf = ({ session, requestId }: InternalContext) => ({
  sid: session.sessionId,
  ...(session.customerId ? { cid: session.customerId } : {}),
  ...(session.role ? { role: session.role } : {}),
  rid: requestId,
});

interface CraftOptions {
  issuer?: string;
  audience?: string;
  /** Seconds relative to now. */
  issuedAt?: number;
  expiresIn?: number;
}

describe('internal context', () => {
  let keys: GeneratedKeys;
  let signer: InternalContextSigner;
  let verifier: InternalContextVerifier;

  /** Signs like the gateway does, with each part overridable, under the real private key. */
  async function craft(claims: JWTPayload, options: CraftOptions = {}): Promise<string> {
    const { issuer = ISSUER, audience = AUDIENCE, issuedAt = 0, expiresIn = INTERNAL_CONTEXT_LIFETIME_SECONDS } = options;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: String(keys.internalContextPrivateKey.kid) })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(now + issuedAt)
      .setExpirationTime(now + issuedAt + expiresIn)
      .sign(await importJWK(keys.internalContextPrivateKey, 'EdDSA'));
  }

  beforeAll(async () => {
    keys = await generateKeys('internal-context-test');
    signer = await createInternalContextSigner(keys.internalContextPrivateKey);
    verifier = createInternalContextVerifier(keys.internalContextPublicKeys, { audience: AUDIENCE });
  });

  describe('sign then verify', () => {
    it('when the gateway signs a context, then the subgraph verifies the same session and request id', async () => {
      expect(await verifier.verify(await signer.sign(context, AUDIENCE))).toEqual(context);
    });

    it('when the session is anonymous, then the verified session has no customer or role keys', async () => {
      const anonymous: InternalContext = { session: { sessionId: context.session.sessionId }, requestId: 'req-1' };
      expect(await verifier.verify(await signer.sign(anonymous, AUDIENCE))).toStrictEqual(anonymous);
    });

    it('when the session carries its auth time, then the subgraph sees it (identity checks a sensitive change is recent)', async () => {
      const withAuthTime: InternalContext = { session: { ...context.session, authTime: 1_790_000_000 } };
      expect(await verifier.verify(await signer.sign(withAuthTime, AUDIENCE))).toEqual(withAuthTime);
    });

    it('when a token is signed, then it is EdDSA under the key id, for the one subgraph named, from the gateway, for 60 s', async () => {
      const token = await signer.sign(context, AUDIENCE);
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: 'ctx-internal-context-test' });
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as JWTPayload;
      expect(payload).toMatchObject({ iss: ISSUER, aud: AUDIENCE, ...claimsOf(context) });
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(INTERNAL_CONTEXT_LIFETIME_SECONDS);
    });

    it('when a crafted token matches what the gateway signs, then it verifies (so the refusals below are about one change each)', async () => {
      expect(await verifier.verify(await craft(claimsOf(context)))).toEqual(context);
    });

    it('when the public key set holds the current and the next key, then tokens of either verify', async () => {
      const next = await generateKeys('next');
      const both = createInternalContextVerifier({ keys: [...keys.internalContextPublicKeys.keys, ...next.internalContextPublicKeys.keys] }, { audience: AUDIENCE });
      const nextSigner = await createInternalContextSigner(next.internalContextPrivateKey);
      expect(await both.verify(await signer.sign(context, AUDIENCE))).toEqual(context);
      expect(await both.verify(await nextSigner.sign(context, AUDIENCE))).toEqual(context);
    });
  });

  describe('refusals', () => {
    it('when another Ed25519 key pair signs under the same kid, then the context is refused', async () => {
      const impostor = await generateKeys('internal-context-test');
      expect(impostor.internalContextPrivateKey.kid).toBe(keys.internalContextPrivateKey.kid);
      const forged = await (await createInternalContextSigner(impostor.internalContextPrivateKey)).sign(context, AUDIENCE);
      expect(await verifier.verify(forged)).toBeUndefined();
    });

    it('when the audience is wrong, then the context is refused', async () => {
      expect(await verifier.verify(await craft(claimsOf(context), { audience: 'someone-else' }))).toBeUndefined();
    });

    it('when a context signed for catalog is replayed against cart or identity, then both refuse it; catalog accepts it', async () => {
      const forCatalog = await signer.sign(context, 'catalog');
      for (const audience of ['cart', 'identity']) {
        expect(await createInternalContextVerifier(keys.internalContextPublicKeys, { audience }).verify(forCatalog)).toBeUndefined();
      }
      expect(await createInternalContextVerifier(keys.internalContextPublicKeys, { audience: 'catalog' }).verify(forCatalog)).toEqual(context);
    });

    it('when a context is signed for the subgraphs as a whole (the old shared audience), then it is refused', async () => {
      expect(await verifier.verify(await craft(claimsOf(context), { audience: 'shopgraph-subgraphs' }))).toBeUndefined();
    });

    it('when the issuer is wrong, then the context is refused', async () => {
      expect(await verifier.verify(await craft(claimsOf(context), { issuer: 'shopgraph-cart' }))).toBeUndefined();
    });

    it('when the token expired, then the context is refused', async () => {
      expect(await verifier.verify(await craft(claimsOf(context), { issuedAt: -120, expiresIn: 60 }))).toBeUndefined();
    });

    it('when the token was issued longer ago than the lifetime, then it is refused even with a far exp', async () => {
      expect(await verifier.verify(await craft(claimsOf(context), { issuedAt: -300, expiresIn: 3_600 }))).toBeUndefined();
    });

    it.each([
      ['an empty request id', { ...claimsOf(context), rid: '' }],
      ['a session id of 21 characters', { ...claimsOf(context), sid: context.session.sessionId.slice(1) }],
      ['an unknown role', { ...claimsOf(context), role: 'ROOT' }],
      ['an empty customer id', { ...claimsOf(context), cid: '' }],
    ])('when the signed claims have %s, then the context is refused', async (_name, claims) => {
      expect(await verifier.verify(await craft(claims))).toBeUndefined();
    });

    it('when the signed claims carry no request id (a context reused across requests), then it verifies without one', async () => {
      const verified = await verifier.verify(await craft({ sid: context.session.sessionId }));
      expect(verified?.session.sessionId).toBe(context.session.sessionId);
      expect(verified && 'requestId' in verified).toBe(false);
    });

    it.each([
      ['undefined', undefined],
      ['empty', ''],
      ['garbage', 'not-a-jwt'],
      ['three junk segments', 'a.b.c'],
    ])('when the header is %s, then the context is undefined and nothing throws', async (_name, header) => {
      await expect(verifier.verify(header)).resolves.toBeUndefined();
    });

    it('when a validly signed token is longer than 2048 characters, then it is refused before verification', async () => {
      const padded = { ...claimsOf(context), pad: 'p'.repeat(2_048) };
      const large = await craft(padded);
      expect(large.length).toBeGreaterThan(2_048);
      expect(await verifier.verify(large)).toBeUndefined();
      // The same extra claim at a small size verifies: the refusal above is about size alone.
      expect(await verifier.verify(await craft({ ...padded, pad: 'p' }))).toEqual(context);
    });

    it('when the token is tampered with (payload swapped), then the context is refused', async () => {
      const [header, , signature] = (await signer.sign(context, AUDIENCE)).split('.');
      const payload = Buffer.from(JSON.stringify({ ...claimsOf(context), cid: 'cust-other', iss: ISSUER, aud: AUDIENCE })).toString('base64url');
      expect(await verifier.verify(`${header}.${payload}.${signature}`)).toBeUndefined();
    });

    it('when an HS256 token uses the public key bytes as its secret (algorithm confusion), then it is refused', async () => {
      const publicX = String(keys.internalContextPublicKeys.keys[0]?.x);
      const now = Math.floor(Date.now() / 1000);
      const hs256 = await new SignJWT(claimsOf(context))
        .setProtectedHeader({ alg: 'HS256', kid: String(keys.internalContextPrivateKey.kid) })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(new Uint8Array(Buffer.from(publicX, 'base64url')));
      expect(await verifier.verify(hs256)).toBeUndefined();
    });

    it('when an unsecured token (alg none) carries valid claims, then it is refused', async () => {
      const unsecured = new UnsecuredJWT(claimsOf(context)).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('60s').encode();
      expect(await verifier.verify(unsecured)).toBeUndefined();
    });
  });

  describe('createInternalContextSigner', () => {
    it('when given the public JWK instead of the private one, then it throws a ZodError', async () => {
      await expect(createInternalContextSigner(keys.internalContextPublicKeys.keys[0] ?? {})).rejects.toBeInstanceOf(ZodError);
    });

    it('when given a P-256 private key, then it throws a ZodError', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      await expect(createInternalContextSigner({ ...(await exportJWK(privateKey)), kid: 'p256' })).rejects.toBeInstanceOf(ZodError);
    });

    it('when given an X25519 private key (OKP, but not a signing curve), then it throws a ZodError', async () => {
      const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'X25519', extractable: true });
      await expect(createInternalContextSigner({ ...(await exportJWK(privateKey)), kid: 'x25519' })).rejects.toBeInstanceOf(ZodError);
    });

    it('when given an Ed25519 private key without a kid, then it throws a ZodError', async () => {
      const { kid: _kid, ...withoutKid } = keys.internalContextPrivateKey;
      await expect(createInternalContextSigner(withoutKid)).rejects.toBeInstanceOf(ZodError);
    });
  });

  describe('internalContextPublicKeySetSchema', () => {
    it('when the set is empty, then it is refused', () => {
      expect(internalContextPublicKeySetSchema.safeParse({ keys: [] }).success).toBe(false);
    });

    it('when the set holds generated public keys, then it parses', () => {
      expect(internalContextPublicKeySetSchema.safeParse(keys.internalContextPublicKeys).success).toBe(true);
    });
  });
});
