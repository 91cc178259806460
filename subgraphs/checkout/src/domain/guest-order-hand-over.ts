import type { Logger, Session } from '@shopgraph/shared';
import { ExpiringCache } from '@shopgraph/shared/server';
import type { GuestOrders } from '../store/guest-orders.js';

/** After this long a session's orders are listed under its guest session again (one Query), for an order GSI1 showed late. */
const REMEMBER_MS = 10 * 60 * 1000;
/** About 100 bytes each. */
const MAX_REMEMBERED = 50_000;

/**
 * The guest session's orders becoming the customer's at sign-in, owned by checkout. Identity
 * asks at sign-in (internal/identity-routes.ts); when that call did not get through, the
 * signed-in session still names its guest session in every signed context, and checkout moves
 * the orders before it lists the customer's orders. Each move is one conditional write, so
 * asking again (here, on another replica, or from identity) moves nothing twice.
 */
export function createGuestOrderHandOver(guestOrders: GuestOrders, maxRemembered = MAX_REMEMBERED) {
  const recentlyDone = new ExpiringCache<true>(maxRemembered);

  async function handOver(guestSessionId: string, customerId: string, sessionId?: string): Promise<number> {
    const moved = await guestOrders.moveAll(guestSessionId, customerId);
    if (sessionId) recentlyDone.set(sessionId, true, Date.now() + REMEMBER_MS);
    return moved;
  }

  return {
    handOver,
    /** Before a signed-in session's orders are listed; never fails the request. */
    async completePending(session: Session, logger: Logger): Promise<void> {
      if (!session.customerId || !session.mergeFromSessionId || recentlyDone.get(session.sessionId)) return;
      try {
        const moved = await handOver(session.mergeFromSessionId, session.customerId, session.sessionId);
        if (moved > 0) logger.info({ customerId: session.customerId, moved }, 'moved guest orders that were pending since sign-in');
      } catch (error) {
        logger.warn({ err: { message: (error as Error).message }, customerId: session.customerId }, 'guest orders hand-over still pending; a later request retries it');
      }
    },
  };
}

export type GuestOrderHandOver = ReturnType<typeof createGuestOrderHandOver>;
