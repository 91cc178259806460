import { importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { internalContextPrivateKeySchema } from './internal-context.js';
import { createServiceJwsVerifier, signServiceJws } from './service-jws.js';

/**
 * A token one service signs with its OWN Ed25519 key for a call to another, when there is no
 * shopper request to forward (checkout's recovery pass) or the call is the service's own
 * (catalog's stock reads). Same algorithm, key shape and lifetime as the gateway's internal
 * context; issuer and audience name the two services, so a token for one route cannot be
 * replayed against another service.
 */
export type ServiceTokenClaims = Record<string, string>;

export interface ServiceTokenSigner {
  sign(audience: string, claims: ServiceTokenClaims): Promise<string>;
}

export interface ServiceTokenVerifier {
  /** The string claims (iss/aud/iat/exp removed), or undefined when absent, expired or not signed by the issuer. */
  verify(token: string | undefined): Promise<ServiceTokenClaims | undefined>;
}

const REGISTERED = new Set(['iss', 'aud', 'iat', 'exp', 'nbf', 'jti', 'sub']);

/** Synchronous, so service factories stay synchronous: the key is imported on first use. */
export function createServiceTokenSigner(privateJwk: JWK, issuer: string): ServiceTokenSigner {
  const { kid } = internalContextPrivateKeySchema.parse(privateJwk);
  let key: ReturnType<typeof importJWK> | undefined;
  return {
    sign: async (audience, claims) => signServiceJws(claims, { key: await (key ??= importJWK(privateJwk, 'EdDSA')), kid, issuer, audience }),
  };
}

export function createServiceTokenVerifier(publicKeys: JSONWebKeySet, { issuer, audience }: { issuer: string; audience: string }): ServiceTokenVerifier {
  const verifyJws = createServiceJwsVerifier(publicKeys, { issuer, audience });
  return {
    async verify(token) {
      const payload = await verifyJws(token);
      if (!payload) return undefined;
      const claims: ServiceTokenClaims = {};
      for (const [name, value] of Object.entries(payload)) {
        if (REGISTERED.has(name)) continue;
        if (typeof value !== 'string') return undefined;
        claims[name] = value;
      }
      return claims;
    },
  };
}
