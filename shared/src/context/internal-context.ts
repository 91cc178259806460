import { importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { z } from 'zod';
import { Role, SESSION_ID_PATTERN, type Session } from '../session/session-claims.js';
import { createServiceJwsVerifier, signServiceJws } from './service-jws.js';

const ISSUER = 'shopgraph-gateway';

export { INTERNAL_CONTEXT_LIFETIME_SECONDS } from './service-jws.js';

const ed25519PublicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(1),
  kid: z.string().min(1).max(64),
});

export const internalContextPrivateKeySchema = ed25519PublicJwk.extend({ d: z.string().min(1) });
export const internalContextPublicKeySetSchema = z.object({
  keys: z.array(ed25519PublicJwk).min(1, 'needs at least one public key'),
});

const contextClaimsSchema = z.object({
  sid: z.string().regex(SESSION_ID_PATTERN),
  cid: z.string().min(1).max(128).optional(),
  role: z.enum([Role.CUSTOMER, Role.ADMIN]).optional(),
  rid: z.string().min(1).max(128).optional(),
  msid: z.string().regex(SESSION_ID_PATTERN).optional(),
  /** The session's auth time (epoch seconds), for identity's "recent sign-in" check. */
  at: z.number().int().nonnegative().optional(),
  cip: z.string().max(64).optional(),
  ua: z.string().max(256).optional(),
});

/**
 * What a subgraph knows about the request once the gateway's signature checks out. The session
 * carries `mergeFromSessionId` when its token names the guest session it replaced at sign-in:
 * identity minted that token, so the pair is vouched for, and cart and checkout complete a
 * guest hand-over that failed at sign-in on the session's later requests.
 */
export interface InternalContext {
  session: Session;
  /**
   * Absent from contexts the gateway reuses across requests of a session (signing costs more
   * than the rest of session handling together); the request id then travels in the
   * x-request-id header, which is only for correlating logs.
   */
  requestId?: string;
  /** The client's address as the gateway saw it (after trusted proxies), for per-IP limits. */
  clientIp?: string;
  /** The client's User-Agent, truncated, for the session list a customer sees. */
  userAgent?: string;
}

export interface InternalContextSigner {
  /**
   * Signs `context` for one subgraph: `audience` is the name of the subgraph it is sent to
   * ("cart"), and only that subgraph accepts it, so a context one subgraph receives cannot
   * be replayed against another.
   */
  sign(context: InternalContext, audience: string): Promise<string>;
}

export interface InternalContextVerifier {
  /** Undefined when the header is absent, malformed, expired or not signed by the gateway. */
  verify(token: string | undefined): Promise<InternalContext | undefined>;
}

/**
 * Asymmetric (EdDSA), so a subgraph holds only the public key: a compromised subgraph can
 * read contexts but never mint one for another customer.
 */
export async function createInternalContextSigner(privateJwk: JWK): Promise<InternalContextSigner> {
  const { kid } = internalContextPrivateKeySchema.parse(privateJwk);
  const key = await importJWK(privateJwk, 'EdDSA');
  return {
    sign({ session, requestId, clientIp, userAgent }, audience) {
      return signServiceJws(
        {
        sid: session.sessionId,
        ...(session.customerId ? { cid: session.customerId } : {}),
        ...(session.role ? { role: session.role } : {}),
        ...(requestId ? { rid: requestId } : {}),
        ...(session.mergeFromSessionId ? { msid: session.mergeFromSessionId } : {}),
        ...(session.authTime !== undefined ? { at: session.authTime } : {}),
        ...(clientIp ? { cip: clientIp } : {}),
        ...(userAgent ? { ua: userAgent.slice(0, 256) } : {}),
        },
        { key, kid, issuer: ISSUER, audience },
      );
    },
  };
}

/** `audience` is the verifying subgraph's own name: a context signed for another is refused. */
export function createInternalContextVerifier(publicKeys: JSONWebKeySet, { audience }: { audience: string }): InternalContextVerifier {
  const verifyJws = createServiceJwsVerifier(publicKeys, { issuer: ISSUER, audience });
  return {
    async verify(token) {
      const claims = contextClaimsSchema.safeParse(await verifyJws(token));
      if (!claims.success) return undefined;
      const { sid, cid, role, rid, msid, at, cip, ua } = claims.data;
      return {
        ...(rid ? { requestId: rid } : {}),
        ...(ua ? { userAgent: ua } : {}),
        ...(cip ? { clientIp: cip } : {}),
        session: {
          sessionId: sid,
          ...(cid ? { customerId: cid } : {}),
          ...(role ? { role } : {}),
          ...(msid ? { mergeFromSessionId: msid } : {}),
          ...(at !== undefined ? { authTime: at } : {}),
        },
      };
    },
  };
}
