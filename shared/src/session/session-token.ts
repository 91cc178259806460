import { EncryptJWT, jwtDecrypt, type JWTDecryptGetKey } from 'jose';
import type { SessionKeyRing } from './key-ring.js';
import { sessionClaimsSchema, type Session, type SessionClaims } from './session-claims.js';

/** Why a token was refused; logged, never shown to the client beyond "no session". */
export type TokenRejection = 'malformed' | 'unknown-key' | 'expired' | 'bad-claims';

export type DecodeResult =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: TokenRejection };

/** Tokens larger than this are refused before any crypto runs. */
export const MAX_SESSION_TOKEN_LENGTH = 3072;

export interface SessionTokenCodec {
  encode(session: Session, lifetimeSeconds: number, now?: Date): Promise<string>;
  /**
   * The same session under a fresh issue time and the same expiry: the sliding idle timeout
   * moves, the absolute lifetime does not. Encrypted under the current key.
   */
  reissue(claims: SessionClaims, now?: Date): Promise<string>;
  decode(token: string, now?: Date): Promise<DecodeResult>;
}

/**
 * Compact JWE, `dir` + `A256GCM`: the token is both encrypted (a customer id is not readable
 * from a cookie) and authenticated (it cannot be forged or altered). Algorithms are pinned
 * on decrypt, so `alg: none` or a JWS never gets near a key.
 */
export function createSessionTokenCodec(ring: SessionKeyRing): SessionTokenCodec {
  const getKey: JWTDecryptGetKey = (header) => {
    const key = header.kid ? ring.byKid.get(header.kid) : undefined;
    if (!key) throw new UnknownKeyError();
    return key;
  };

  const encrypt = (claims: SessionClaims) =>
    new EncryptJWT(claims).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: ring.current.kid }).encrypt(ring.current.key);

  return {
    async encode(session, lifetimeSeconds, now = new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      return encrypt({
        sid: session.sessionId,
        ...(session.customerId ? { cid: session.customerId } : {}),
        ...(session.role ? { role: session.role } : {}),
        ...(session.mergeFromSessionId ? { gsid: session.mergeFromSessionId } : {}),
        ...(session.signInNumber !== undefined ? { sn: session.signInNumber } : {}),
        ...(session.authTime !== undefined ? { auth_time: session.authTime } : {}),
        iat,
        exp: iat + lifetimeSeconds,
      });
    },

    async reissue(claims, now = new Date()) {
      return encrypt({ ...claims, iat: Math.floor(now.getTime() / 1000) });
    },

    async decode(token, now = new Date()) {
      if (token.length === 0 || token.length > MAX_SESSION_TOKEN_LENGTH || !isCanonicalCompact(token)) {
        return { ok: false, reason: 'malformed' };
      }
      try {
        const { payload } = await jwtDecrypt(token, getKey, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
          currentDate: now,
        });
        const parsed = sessionClaimsSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, reason: 'bad-claims' };
        return { ok: true, claims: parsed.data };
      } catch (error) {
        return { ok: false, reason: classify(error) };
      }
    },
  };
}

class UnknownKeyError extends Error {}

/**
 * jose decodes leniently (padding, whitespace, stray trailing bits), so one token would have
 * many spellings. Only the exact base64url form we issue is accepted: a token has one spelling.
 */
function isCanonicalCompact(token: string): boolean {
  const segments = token.split('.');
  return segments.length === 5 && segments.every((segment) => Buffer.from(segment, 'base64url').toString('base64url') === segment);
}

function classify(error: unknown): TokenRejection {
  if (error instanceof UnknownKeyError) return 'unknown-key';
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return 'bad-claims';
  return 'malformed';
}

export function toSession(claims: SessionClaims): Session {
  return {
    sessionId: claims.sid,
    ...(claims.cid ? { customerId: claims.cid } : {}),
    ...(claims.role ? { role: claims.role } : {}),
    ...(claims.gsid ? { mergeFromSessionId: claims.gsid } : {}),
    ...(claims.sn !== undefined ? { signInNumber: claims.sn } : {}),
    ...(claims.auth_time !== undefined ? { authTime: claims.auth_time } : {}),
  };
}
