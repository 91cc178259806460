import { createInternalContextSigner, createSessionKeyRing, createSessionTokenCodec, type InternalContextSigner, type SessionTokenCodec } from '@shopgraph/shared';
import { createInternalClient, createSessionRevocations, type ServiceMetrics } from '@shopgraph/shared/server';
import type { Redis } from 'ioredis';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { createCachedSigner } from './propagation/cached-signer.js';
import { createSessionChangeApplier } from './session/apply-session-changes.js';
import { createCachedCodec } from './session/cached-codec.js';
import { createSessionRefresher, type SessionRefresher } from './session/refresh-session.js';
import { createSessionStatus, type SessionStatus } from './session/session-status.js';
import { createTokenPolicy, type TokenPolicy } from './session/token-policy.js';
import { countCacheLookups } from './telemetry/cache-lookups.js';
import { countMintedSessions } from './telemetry/counted-session-codec.js';

export interface SessionPartsDeps {
  config: GatewayConfig;
  metrics: ServiceMetrics;
  /** Where revocations are looked up first. */
  redis: Redis;
  /** An `/internal/<path>` URL on a subgraph (`internalRouteUrls` in supergraph.ts). */
  internalUrl: (subgraph: string, path: string) => string;
}

/** The gateway's session rules, built once and shared by every request (see README, "Sessions"). */
export interface SessionParts {
  /** Decrypts and mints tokens; a decrypted token is remembered until it expires. */
  codec: SessionTokenCodec;
  tokenPolicy: TokenPolicy;
  sessionStatus: SessionStatus;
  refresh: SessionRefresher;
  /** Applies the session changes identity reported, before the response leaves. */
  applySessionChanges: (context: GatewayContext) => Promise<void>;
  /** Signs the query plan's fetches: one context per session and subgraph, reused while it is young. */
  fetchSigner: InternalContextSigner;
}

export async function createSessionParts({ config, metrics, redis, internalUrl }: SessionPartsDeps): Promise<SessionParts> {
  const codec = countMintedSessions(
    createCachedCodec(createSessionTokenCodec(await createSessionKeyRing(config.sessionKeys)), undefined, countCacheLookups(metrics, 'session-token')),
    metrics,
  );
  // Signs each call the gateway makes for itself (a session check, a hand-over), once per call.
  const perCallSigner = await createInternalContextSigner(config.internalContextPrivateKey);
  const identitySeenUrl = internalUrl('identity', 'session-seen');
  // One client per peer service, each with its deadline from the configuration.
  const identity = createInternalClient({ service: 'identity', timeoutMs: config.peerTimeouts.identityMs });
  const sessionStatus = createSessionStatus({
    identity,
    revocations: createSessionRevocations({ redis, keyPrefix: config.redisKeyPrefix }),
    signer: perCallSigner,
    identityStatusUrl: internalUrl('identity', 'session-status'),
    activeCacheMs: config.sessionActiveCacheMs,
    onRedisFallback: (answeredBy) => metrics.redisFallbacks.add(1, { path: 'session-status', answered_by: answeredBy }),
  });
  return {
    codec,
    tokenPolicy: createTokenPolicy({
      codec,
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      refreshAfterSeconds: config.sessionRefreshAfterSeconds,
    }),
    sessionStatus,
    refresh: createSessionRefresher({
      codec,
      signer: perCallSigner,
      identity,
      refreshAfterSeconds: config.sessionRefreshAfterSeconds,
      identitySeenUrl,
    }),
    applySessionChanges: createSessionChangeApplier({
      identity,
      identitySeenUrl,
      forgetSessions: (sessionIds) => sessionStatus.forget(sessionIds),
      lifetimeSeconds: config.sessionLifetimeSeconds,
    }),
    fetchSigner: createCachedSigner(perCallSigner, undefined, countCacheLookups(metrics, 'internal-context')),
  };
}
