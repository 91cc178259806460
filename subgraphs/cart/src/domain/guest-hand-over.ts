import type { Logger, Session } from '@shopgraph/shared';
import { ExpiringCache } from '@shopgraph/shared/server';
import type { StockClient } from '../peers/stock-client.js';
import type { CartRepository } from '../store/cart-repository.js';
import { mergeGuestCart, type MergeOutcome } from './merge-guest-cart.js';

/** A session this replica saw handed over is not checked again for this long (then one cheap read). */
const REMEMBER_MS = 24 * 3600 * 1000;
/** About 100 bytes each; past it the least recent session costs one more read of its guest cart. */
const MAX_REMEMBERED = 50_000;

interface HandOverDeps {
  carts: CartRepository;
  stock: StockClient;
  logger: Logger;
  requestId: string;
}

/**
 * The guest cart's move into the customer's cart at sign-in, owned by cart. Identity asks for
 * it when the shopper signs in (see internal/identity-routes.ts). When that call did not get
 * through (cart did not answer, or an order was holding a cart), the signed-in session still
 * names its guest session (`Session.mergeFromSessionId`, in every signed context), and cart
 * completes the move before it reads or changes that customer's cart, on whichever replica.
 * The merge is exactly once whoever asks and however often (see mergeGuestCart); this replica
 * remembers the sessions it saw done so that it checks each at most once.
 */
export function createGuestHandOver(maxRemembered = MAX_REMEMBERED) {
  const done = new ExpiringCache<true>(maxRemembered);
  // A session's requests that arrive together (a page asks for the cart and the header's count
  // at once) wait for one hand-over rather than each reading the guest cart.
  const inFlight = new Map<string, Promise<void>>();

  async function handOver(deps: HandOverDeps, guestSessionId: string, customerId: string, sessionId?: string): Promise<MergeOutcome> {
    const outcome = await mergeGuestCart(deps, guestSessionId, customerId);
    if (sessionId && outcome.outcome !== 'pending') done.set(sessionId, true, Date.now() + REMEMBER_MS);
    return outcome;
  }

  return {
    handOver,
    /**
     * For a request of a signed-in session whose token still names its guest session: moves
     * the guest lines in first unless this replica saw that done. Never fails the request: a
     * move that cannot happen now is tried again by the session's next request.
     */
    async completePending(deps: HandOverDeps, session: Session | undefined): Promise<void> {
      if (!session?.customerId || !session.mergeFromSessionId || done.get(session.sessionId)) return;
      const { sessionId, customerId, mergeFromSessionId } = session;
      let pending = inFlight.get(sessionId);
      if (!pending) {
        pending = handOver(deps, mergeFromSessionId, customerId, sessionId)
          .then((outcome) => {
            if (outcome.outcome === 'merged') deps.logger.info({ customerId }, 'completed a guest cart hand-over that was pending since sign-in');
          })
          .catch((error: unknown) => {
            deps.logger.warn({ err: { message: (error as Error).message }, customerId }, 'guest cart hand-over still pending; a later request retries it');
          })
          .finally(() => inFlight.delete(sessionId));
        inFlight.set(sessionId, pending);
      }
      await pending;
    },
  };
}

export type GuestHandOver = ReturnType<typeof createGuestHandOver>;
