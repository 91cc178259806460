import {
  createSessionKeyRing,
  createSessionTokenCodec,
  MAX_SESSION_TOKEN_LENGTH,
  Role,
  toSession,
  type Session,
  type SessionKeySet,
  type SessionTokenCodec,
} from '@shopgraph/shared';
import { decodeProtectedHeader, EncryptJWT, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';

type SessionJwk = SessionKeySet['keys'][number];

function sessionJwk(kid: string): SessionJwk {
  return { kty: 'oct', kid, k: randomBytes(32).toString('base64url') };
}

async function codecFor(...keys: SessionJwk[]): Promise<SessionTokenCodec> {
  return createSessionTokenCodec(await createSessionKeyRing({ keys }));
}

function keyBytes(jwk: SessionJwk): Uint8Array {
  return new Uint8Array(Buffer.from(jwk.k, 'base64url'));
}

const SID = 'AbCdEfGhIjKlMnOpQrStUv';
const NOW_SECONDS = Math.floor(Date.now() / 1000);

/** A JWE built outside the codec, under a key the ring holds: only the claims can be wrong. */
function craftJwe(jwk: SessionJwk, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: jwk.kid, ...header })
    .encrypt(keyBytes(jwk));
}

/** Replaces one character in the middle of segment `index` by another base64url character. */
function flipInSegment(token: string, index: number): string {
  const segments = token.split('.');
  const segment = segments[index] ?? '';
  const at = Math.floor(segment.length / 2);
  const replacement = segment[at] === 'A' ? 'B' : 'A';
  segments[index] = `${segment.slice(0, at)}${replacement}${segment.slice(at + 1)}`;
  return segments.join('.');
}

const malformed = { ok: false, reason: 'malformed' } as const;

describe('session token codec', () => {
  const current = sessionJwk('session-2026-11');
  const previous = sessionJwk('session-2026-10');
  let codec: SessionTokenCodec;
  let token: string;

  beforeAll(async () => {
    codec = await codecFor(current);
    token = await codec.encode({ sessionId: SID, customerId: 'cust-42', role: Role.ADMIN }, 3600);
  });

  describe('round trip', () => {
    it('when a session with customer and role is encoded, then decoding gives back sid, cid and role', async () => {
      const result = await codec.decode(token);
      expect(result).toMatchObject({ ok: true, claims: { sid: SID, cid: 'cust-42', role: 'ADMIN' } });
      if (!result.ok) throw new Error('unreachable');
      expect(result.claims.exp - result.claims.iat).toBe(3600);
      expect(toSession(result.claims)).toEqual({ sessionId: SID, customerId: 'cust-42', role: 'ADMIN' });
    });

    it('when a signed-in session carries its auth time, then it survives the round trip and a reissue', async () => {
      const authTime = NOW_SECONDS - 120;
      const result = await codec.decode(await codec.encode({ sessionId: SID, customerId: 'cust-42', role: Role.CUSTOMER, signInNumber: 3, authTime }, 3600));
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      expect(result.claims.auth_time).toBe(authTime);
      expect(toSession(result.claims)).toMatchObject({ signInNumber: 3, authTime });
      const reissued = await codec.decode(await codec.reissue(result.claims, new Date((NOW_SECONDS + 600) * 1000)), new Date((NOW_SECONDS + 600) * 1000));
      expect(reissued).toMatchObject({ ok: true, claims: { auth_time: authTime } });
    });

    it('when a token from before auth times has none, then it is still accepted, and its session has no authTime', async () => {
      const legacy = await craftJwe(current, { sid: SID, cid: 'cust-42', role: 'CUSTOMER', sn: 1, iat: NOW_SECONDS, exp: NOW_SECONDS + 60 });
      const result = await codec.decode(legacy);
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      expect('authTime' in toSession(result.claims)).toBe(false);
      // Control: an auth time of the wrong type is refused like any malformed claim.
      const wrong = await craftJwe(current, { sid: SID, cid: 'cust-42', auth_time: 'yesterday', iat: NOW_SECONDS, exp: NOW_SECONDS + 60 });
      expect(await codec.decode(wrong)).toEqual({ ok: false, reason: 'bad-claims' });
    });

    it('when an anonymous session is encoded, then the decoded session has no customer or role keys at all', async () => {
      const anonymous: Session = { sessionId: SID };
      const result = await codec.decode(await codec.encode(anonymous, 60));
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      expect(Object.keys(result.claims).sort()).toEqual(['exp', 'iat', 'sid']);
      expect(toSession(result.claims)).toStrictEqual(anonymous);
    });

    it('when a token is encoded, then its protected header is dir / A256GCM under the first key of the ring', async () => {
      const rotated = await codecFor(current, previous);
      const header = decodeProtectedHeader(await rotated.encode({ sessionId: SID }, 60));
      expect(header).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'session-2026-11' });
    });

    it('when a token is encoded, then the customer id cannot be read from it', () => {
      expect(token.split('.')).toHaveLength(5);
      expect(token).not.toContain('cust-42');
      for (const segment of token.split('.')) {
        expect(Buffer.from(segment, 'base64url').toString('latin1')).not.toContain('cust-42');
      }
    });

    it('when the same session is encoded twice, then the tokens differ (fresh IV each time)', async () => {
      const now = new Date();
      const a = await codec.encode({ sessionId: SID }, 60, now);
      const b = await codec.encode({ sessionId: SID }, 60, now);
      expect(a).not.toBe(b);
    });
  });

  describe('key rotation', () => {
    it('when the ring is [new, old], then a token made under the old key still decodes', async () => {
      const oldToken = await (await codecFor(previous)).encode({ sessionId: SID, customerId: 'cust-7' }, 600);
      expect(decodeProtectedHeader(oldToken).kid).toBe('session-2026-10');
      const rotated = await codecFor(current, previous);
      expect(await rotated.decode(oldToken)).toMatchObject({ ok: true, claims: { sid: SID, cid: 'cust-7' } });
    });

    it('when the old key has been removed from the ring, then its tokens are refused as unknown-key', async () => {
      const oldToken = await (await codecFor(previous)).encode({ sessionId: SID }, 600);
      expect(await (await codecFor(current)).decode(oldToken)).toEqual({ ok: false, reason: 'unknown-key' });
    });

    it('when a token names a kid the ring never held, then it is refused as unknown-key', async () => {
      const stranger = await (await codecFor(sessionJwk('someone-else'))).encode({ sessionId: SID }, 600);
      expect(await codec.decode(stranger)).toEqual({ ok: false, reason: 'unknown-key' });
    });

    it('when a token has no kid at all, then it is refused as unknown-key', async () => {
      const noKid = await new EncryptJWT({ sid: SID, iat: NOW_SECONDS, exp: NOW_SECONDS + 60 })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(keyBytes(current));
      expect(await codec.decode(noKid)).toEqual({ ok: false, reason: 'unknown-key' });
    });

    it('when a token reuses a known kid but was encrypted with other key bytes, then it is refused', async () => {
      const impostor = await (await codecFor(sessionJwk(current.kid))).encode({ sessionId: SID, role: Role.ADMIN }, 600);
      expect(await codec.decode(impostor)).toEqual(malformed);
    });
  });

  describe('tampering and malformed input', () => {
    it('when the untouched token is decoded, then it is accepted (so the refusals below mean something)', async () => {
      expect((await codec.decode(token)).ok).toBe(true);
    });

    it.each([
      ['the protected header', 0],
      ['the IV', 2],
      ['the ciphertext', 3],
      ['the authentication tag', 4],
    ])('when one character of %s is changed, then the token is malformed', async (_name, segment) => {
      const tampered = flipInSegment(token, segment);
      expect(tampered).not.toBe(token);
      await expect(codec.decode(tampered)).resolves.toEqual(malformed);
    });

    it('when the protected header is re-encoded with an extra field but the same kid, then authentication fails', async () => {
      const [, ...rest] = token.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM', kid: current.kid, x: 1 })).toString('base64url');
      await expect(codec.decode([header, ...rest].join('.'))).resolves.toEqual(malformed);
    });

    it('when the last character of the tag is changed, then the token is refused even if only unused bits differ', async () => {
      const segments = token.split('.');
      const tag = segments[4] ?? '';
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      // A 16-byte tag leaves the last character 4 unused bits: flipping the lowest one keeps the bytes.
      const sibling = alphabet[alphabet.indexOf(tag.at(-1) ?? 'A') ^ 1] ?? 'A';
      segments[4] = `${tag.slice(0, -1)}${sibling}`;
      expect(Buffer.from(segments[4], 'base64url')).toEqual(Buffer.from(tag, 'base64url'));
      await expect(codec.decode(segments.join('.'))).resolves.toEqual(malformed);
    });

    it('when every segment is re-encoded as standard base64, then the token is malformed', async () => {
      const standard = token
        .split('.')
        .map((segment) => Buffer.from(segment, 'base64url').toString('base64'))
        .join('.');
      expect(standard).not.toBe(token);
      await expect(codec.decode(standard)).resolves.toEqual(malformed);
    });

    it('when the tag is given base64 padding, then the token is malformed (one token, one spelling)', async () => {
      await expect(codec.decode(`${token}==`)).resolves.toEqual(malformed);
    });

    it('when whitespace is slipped into the ciphertext, then the token is malformed', async () => {
      const segments = token.split('.');
      const ciphertext = segments[3] ?? '';
      segments[3] = `${ciphertext.slice(0, 4)} ${ciphertext.slice(4)}`;
      await expect(codec.decode(segments.join('.'))).resolves.toEqual(malformed);
      segments[3] = `${ciphertext.slice(0, 4)}\n${ciphertext.slice(4)}`;
      await expect(codec.decode(segments.join('.'))).resolves.toEqual(malformed);
    });

    it.each([
      ['empty', ''],
      ['one dot', '.'],
      ['five empty segments', '....'],
      ['plain text', 'not a token'],
      ['five junk segments', 'a.b.c.d.e'],
      ['non-ASCII', 'é.é.é.é.é'],
      ['six segments', 'a.b.c.d.e.f'],
    ])('when the token is %s, then it is malformed and nothing throws', async (_name, input) => {
      await expect(codec.decode(input)).resolves.toEqual(malformed);
    });

    it('when the token is truncated, then it is malformed', async () => {
      await expect(codec.decode(token.slice(0, -5))).resolves.toEqual(malformed);
      await expect(codec.decode(token.slice(0, token.lastIndexOf('.')))).resolves.toEqual(malformed);
      await expect(codec.decode(token.slice(0, token.length / 2))).resolves.toEqual(malformed);
    });

    it('when a token is longer than MAX_SESSION_TOKEN_LENGTH, then it is malformed even though it would decrypt', async () => {
      const padding = 'p'.repeat(MAX_SESSION_TOKEN_LENGTH);
      const claims = { sid: SID, iat: NOW_SECONDS, exp: NOW_SECONDS + 600 };
      const small = await craftJwe(current, claims, { pad: 'p' });
      expect((await codec.decode(small)).ok).toBe(true);
      const large = await craftJwe(current, claims, { pad: padding });
      expect(large.length).toBeGreaterThan(MAX_SESSION_TOKEN_LENGTH);
      await expect(codec.decode(large)).resolves.toEqual(malformed);
    });
  });

  describe('other token kinds', () => {
    const claims = { sid: SID, cid: 'cust-1', role: 'ADMIN', iat: NOW_SECONDS, exp: NOW_SECONDS + 600 };

    it('when an unsecured JWT (alg none) carries valid claims, then it is refused', async () => {
      const unsecured = new UnsecuredJWT(claims).encode();
      const result = await codec.decode(unsecured);
      expect(result).toEqual(malformed);
    });

    it('when a JWS is signed (HS256) with the same key bytes, then it is refused', async () => {
      const jws = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: current.kid }).sign(keyBytes(current));
      await expect(codec.decode(jws)).resolves.toEqual(malformed);
    });

    it('when a JWE uses key wrapping (A256KW) with the ring key, then it is refused', async () => {
      const wrapped = await new EncryptJWT(claims)
        .setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM', kid: current.kid })
        .encrypt(keyBytes(current));
      await expect(codec.decode(wrapped)).resolves.toEqual(malformed);
    });

    it('when a JWE uses A128GCM content encryption, then it is refused', async () => {
      const weak = await new EncryptJWT(claims)
        .setProtectedHeader({ alg: 'dir', enc: 'A128GCM', kid: current.kid })
        .encrypt(keyBytes(current).slice(0, 16));
      await expect(codec.decode(weak)).resolves.toEqual(malformed);
    });
  });

  describe('lifetime', () => {
    it('when a token was issued an hour ago for ten minutes, then it is expired', async () => {
      const stale = await codec.encode({ sessionId: SID }, 600, new Date(Date.now() - 3_600_000));
      await expect(codec.decode(stale)).resolves.toEqual({ ok: false, reason: 'expired' });
    });

    it('when a fresh token is decoded at a moment past its exp, then it is expired', async () => {
      const issuedAt = new Date();
      const short = await codec.encode({ sessionId: SID }, 60, issuedAt);
      expect((await codec.decode(short, issuedAt)).ok).toBe(true);
      await expect(codec.decode(short, new Date(issuedAt.getTime() + 61_000))).resolves.toEqual({ ok: false, reason: 'expired' });
    });
  });

  describe('claims', () => {
    const valid = { sid: SID, iat: NOW_SECONDS, exp: NOW_SECONDS + 600 };

    it('when a crafted JWE has exactly our claims, then it is accepted (so the refusals below are about claims)', async () => {
      expect(await codec.decode(await craftJwe(current, valid))).toMatchObject({ ok: true, claims: valid });
    });

    it.each([
      ['an extra claim', { ...valid, admin: true }],
      ['no sid', { iat: valid.iat, exp: valid.exp }],
      ['a sid of 21 characters', { ...valid, sid: SID.slice(1) }],
      ['a sid with characters outside base64url', { ...valid, sid: `${SID.slice(1)}+` }],
      ['an unknown role', { ...valid, role: 'ROOT' }],
      ['an empty customer id', { ...valid, cid: '' }],
      ['no exp', { sid: SID, iat: valid.iat }],
      ['no iat', { sid: SID, exp: valid.exp }],
      ['a not-before in the future', { ...valid, nbf: NOW_SECONDS + 300 }],
    ])('when a JWE under the ring key has %s, then it is refused as bad-claims', async (_name, claims) => {
      await expect(codec.decode(await craftJwe(current, claims))).resolves.toEqual({ ok: false, reason: 'bad-claims' });
    });
  });
});
