import type { ApolloServerPlugin } from '@apollo/server';
import type { AdmissionCheck } from './admission/operation-admission.js';
import type { PublicPolicyOf } from './cache-policy/static-cache-policy.js';
import type { GatewayContext } from './context.js';

export interface RequestLifecycleDeps {
  /** Refuses an untrusted or over-limit operation; runs before anything else walks the document. */
  admit: AdmissionCheck;
  publicPolicyOf: PublicPolicyOf;
  /** Applies the session changes identity reported (the cookie, the sessions it ended). */
  applySessionChanges: (context: GatewayContext) => Promise<void>;
}

/**
 * The gateway's own steps around each operation, in the order they must happen:
 * 1. admission (trusted documents, then the operation limits): a refused document is walked
 *    by nothing else;
 * 2. the session, established only now that the operation is known (a public read needs none),
 *    and before the query plan's fetches are signed;
 * and before the response leaves: the session changes, and no shared caching of a response
 * that hands out a session.
 */
export function createRequestLifecyclePlugin({ admit, publicPolicyOf, applySessionChanges }: RequestLifecycleDeps): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          admit(request);
          const { contextValue, document, operationName } = request;
          await establishSession(contextValue, publicPolicyOf(document, operationName) !== undefined);
        },
        async willSendResponse({ contextValue, response }) {
          await applySessionChanges(contextValue);
          // A response that hands out a session (a cookie, or a refreshed bearer token) must
          // reach only its requester: no shared cache (CloudFront, a proxy) may keep it,
          // whatever the fields' cache hints say.
          if (contextValue.handsOutSession()) response.http.headers.set('cache-control', 'private, no-store');
        },
      };
    },
  };
}

/**
 * Establishes the request's session (see GatewayContext.establishSession) and sets it on
 * `context`: Apollo runs the operation with a copy of the context the request built, so the
 * copy is the one to fill.
 */
async function establishSession(context: GatewayContext, publicRead: boolean): Promise<void> {
  const established = await context.establishSession?.(publicRead);
  if (!established) return;
  context.session = established.session;
  context.transport = established.transport;
}
