import { createLocalJWKSet, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWTPayload, type KeyObject } from 'jose';

/** Long enough for the slowest subgraph fetch of one request, short enough to be useless if leaked. */
export const INTERNAL_CONTEXT_LIFETIME_SECONDS = 60;

/** Longer than any context or service token we sign; a longer header is refused unread. */
const MAX_TOKEN_LENGTH = 2048;

/**
 * The one way a service signs what it sends another: EdDSA (the receiver holds only public
 * keys), issuer and audience naming the two services, and a 60-second life.
 */
export function signServiceJws(
  claims: JWTPayload,
  { key, kid, issuer, audience }: { key: CryptoKey | KeyObject | Uint8Array; kid: string; issuer: string; audience: string },
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_CONTEXT_LIFETIME_SECONDS}s`)
    .sign(key);
}

/** Verifies a token from `signServiceJws`; its payload, or undefined for anything wrong with it. */
export function createServiceJwsVerifier(
  publicKeys: JSONWebKeySet,
  { issuer, audience }: { issuer: string; audience: string },
): (token: string | undefined) => Promise<JWTPayload | undefined> {
  const keySet = createLocalJWKSet(publicKeys);
  return async (token) => {
    if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
    try {
      const { payload } = await jwtVerify(token, keySet, {
        algorithms: ['EdDSA'],
        issuer,
        audience,
        maxTokenAge: `${INTERNAL_CONTEXT_LIFETIME_SECONDS}s`,
      });
      return payload;
    } catch {
      return undefined;
    }
  };
}
