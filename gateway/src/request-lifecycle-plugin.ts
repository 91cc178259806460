import type { ApolloServerPlugin } from '@apollo/server';
import type { AdmissionCheck } from './admission/operation-admission.js';
import type { PublicPolicyOf } from './cache-policy/static-cache-policy.js';
import type { GatewayContext } from './context.js';
import type { CartHandOver } from './session/cart-hand-over.js';
import { fillCartMerge } from './session/cart-merge-field.js';

export interface RequestLifecycleDeps {
  /** Refuses an untrusted or over-limit operation; runs before anything else walks the document. */
  admit: AdmissionCheck;
  publicPolicyOf: PublicPolicyOf;
  cartHandOver: CartHandOver;
  /** Applies the session changes identity reported (cookie, cart hand-over at sign-in). */
  applySessionChanges: (context: GatewayContext) => Promise<void>;
}

/**
 * The gateway's own steps around each operation, in the order they must happen:
 * 1. admission (trusted documents, then the operation limits): a refused document is walked
 *    by nothing else;
 * 2. the session, established only now that the operation is known (a public read needs none),
 *    and before the query plan's fetches are signed;
 * 3. a guest-cart hand-over that failed at sign-in, completed before this request reads the cart;
 * and before the response leaves: the session changes, the merge report, and no shared
 * caching of a response that hands out a session.
 */
export function createRequestLifecyclePlugin({ admit, publicPolicyOf, cartHandOver, applySessionChanges }: RequestLifecycleDeps): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          admit(request);
          const { contextValue, document, operationName } = request;
          await establishSession(contextValue, publicPolicyOf(document, operationName) !== undefined);
          const { session } = contextValue;
          if (session) await cartHandOver.completePending({ ...contextValue, session });
        },
        async willSendResponse({ contextValue, response, document, operationName }) {
          await applySessionChanges(contextValue);
          if (contextValue.cartMerge && document && response.body.kind === 'single' && response.body.singleResult.data) {
            fillCartMerge(response.body.singleResult.data, document, operationName ?? undefined, contextValue.cartMerge);
          }
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
