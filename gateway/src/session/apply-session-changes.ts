import { HEADER_INTERNAL_CONTEXT, type InternalContextSigner } from '@shopgraph/shared';
import type { GatewayContext } from '../context.js';
import { expiredSessionCookie, sessionCookie } from './session-cookie.js';

export interface ApplySessionChangesDeps {
  signer: InternalContextSigner;
  /** cart's /internal/merge-guest-cart. */
  cartMergeUrl: string;
  lifetimeSeconds: number;
  timeoutMs?: number;
}

/**
 * Applies what identity reported before the response leaves: sets or clears the cookie, and
 * at sign-in hands the guest cart to the customer's. The hand-over is signed by the gateway,
 * which alone saw that the anonymous session and the new signed-in one are the same shopper.
 */
export function createSessionChangeApplier({ signer, cartMergeUrl, lifetimeSeconds, timeoutMs = 3_000 }: ApplySessionChangesDeps) {
  async function mergeGuestCart(context: GatewayContext, guestSessionId: string, sessionId: string, customerId: string) {
    try {
      const response = await fetch(cartMergeUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HEADER_INTERNAL_CONTEXT]: await signer.sign({
            session: { sessionId, customerId },
            requestId: context.requestId,
            mergeFromSessionId: guestSessionId,
          }),
        },
        body: '{}',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`cart answered ${response.status}`);
    } catch (error) {
      // The sign-in stands; the guest cart stays where it was, unmerged, and is logged to mend.
      context.logger.error({ err: { message: (error as Error).message }, guestSessionId, customerId }, 'guest cart hand-over failed');
    }
  }

  return async function applySessionChanges(context: GatewayContext): Promise<void> {
    for (const change of context.sessionChanges) {
      if (change.kind === 'ended') {
        if (context.transport === 'cookie') context.setSessionCookie(expiredSessionCookie());
        continue;
      }
      // Without a cookie token the client asked for a bearer token: it gets no cookie, not
      // even the anonymous one this request may have minted on arrival.
      context.setSessionCookie(change.cookieToken ? sessionCookie(change.cookieToken, lifetimeSeconds) : undefined);
      if (change.previousSessionId && change.customerId) {
        await mergeGuestCart(context, change.previousSessionId, change.sessionId, change.customerId);
      }
    }
  };
}
