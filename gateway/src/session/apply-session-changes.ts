import { HEADER_INTERNAL_CONTEXT } from '@shopgraph/shared';
import type { InternalClient } from '@shopgraph/shared/server';
import type { GatewayContext } from '../context.js';
import { expiredSessionCookie, sessionCookie } from './session-cookie.js';

export interface ApplySessionChangesDeps {
  /** identity's /internal/session-seen, which also records an anonymous session that holds state. */
  identitySeenUrl: string;
  /** Drops this replica's cached "active" for sessions the operation ended. */
  forgetSessions: (sessionIds: readonly string[]) => void;
  lifetimeSeconds: number;
  /** The gateway's one client for identity. */
  identity: InternalClient;
}

/**
 * Applies what identity reported before the response leaves: sets or clears the cookie, and
 * forgets the sessions it ended. (The guest cart and orders at sign-in are identity's to hand
 * over, with cart and checkout; the gateway only carries the token that names the guest session.)
 */
export function createSessionChangeApplier({ identitySeenUrl, forgetSessions, lifetimeSeconds, identity }: ApplySessionChangesDeps) {

  async function recordSessionWithState(context: GatewayContext): Promise<void> {
    try {
      await identity.postJson(identitySeenUrl, {}, { requestId: context.requestId, headers: { [HEADER_INTERNAL_CONTEXT]: (await context.internalContext('identity')) ?? '' } });
    } catch (error) {
      // The cart is stored either way; only the session's durable record is missing, and the
      // next cart change or sign-in writes it.
      context.logger.warn({ err: { message: (error as Error).message } }, 'could not record the session that now holds state');
    }
  }

  return async function applySessionChanges(context: GatewayContext): Promise<void> {
    // A request without a session ran only public reads: there is nothing to apply.
    if (!context.session) return;
    if (context.sessionHoldsState && !context.session.customerId) await recordSessionWithState(context);
    for (const change of context.sessionChanges) {
      forgetSessions(change.revokedSessionIds ?? []);
      if (change.kind === 'revoked') continue;
      if (change.kind === 'ended') {
        if (context.transport === 'cookie') context.setSessionCookie(expiredSessionCookie());
        continue;
      }
      // Without a cookie token the client asked for a bearer token: it gets no cookie, not
      // even the anonymous one this request may have minted on arrival.
      context.setSessionCookie(change.cookieToken ? sessionCookie(change.cookieToken, lifetimeSeconds) : undefined);
    }
  };
}
