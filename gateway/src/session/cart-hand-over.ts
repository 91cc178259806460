import { HEADER_INTERNAL_CONTEXT, type InternalContextSigner, type Logger } from '@shopgraph/shared';
import type { InternalClient } from '@shopgraph/shared/server';
import { ExpiringCache } from '../caching/expiring-cache.js';

/** What cart's /internal/merge-guest-cart reports, as the API's CartMergeReport shows it. */
export interface CartMergeResult {
  status: 'MERGED' | 'NOTHING_TO_MERGE' | 'PENDING';
  linesAdded: number;
  linesCombined: number;
  capped: { variantId: string; requested: number; kept: number; reason: string }[];
}

interface MergeAnswer {
  outcome: 'merged' | 'already-merged' | 'nothing-to-merge';
  report?: Omit<CartMergeResult, 'status'>;
}

export interface CartHandOverDeps {
  signer: InternalContextSigner;
  /** cart's /internal/merge-guest-cart. */
  cartMergeUrl: string;
  /** The gateway's one client for cart (its timeout is CART_TIMEOUT_MS). */
  cart: InternalClient;
  /** Signed-in sessions this replica has seen handed over, so it asks cart at most once each. */
  maxRemembered?: number;
}

/** A hand-over this replica completed is not asked again for this long (after that, one cheap idempotent call). */
const REMEMBER_MS = 24 * 3600 * 1000;
/** While cart does not answer, a session's requests ask again at most this often. */
const RETRY_BACKOFF_MS = 5_000;

/**
 * Hands a guest session's cart to the customer who signed in from it. The gateway alone saw
 * that the two sessions are one shopper, so it signs the hand-over. Cart's merge is idempotent
 * (a merged guest cart answers the same report and changes nothing), so a hand-over that
 * failed at sign-in is simply asked again by a later request of the signed-in session, whose
 * token names the guest session (see Session.mergeFromSessionId), on whichever replica it lands.
 */
export function createCartHandOver({ signer, cartMergeUrl, cart: client, maxRemembered = 50_000 }: CartHandOverDeps) {
  const handedOver = new ExpiringCache<true>(maxRemembered);
  // After a failed retry, requests of that session go on without waiting for cart for a while.
  const backingOff = new ExpiringCache<true>(maxRemembered);

  async function handOver(
    { requestId, logger }: { requestId: string; logger: Logger },
    { guestSessionId, sessionId, customerId }: { guestSessionId: string; sessionId: string; customerId: string },
  ): Promise<CartMergeResult> {
    try {
      const answer = await client.postJson<MergeAnswer>(
        cartMergeUrl,
        {},
        {
          requestId,
          headers: {
            [HEADER_INTERNAL_CONTEXT]: await signer.sign({ session: { sessionId, customerId }, requestId, mergeFromSessionId: guestSessionId }, 'cart'),
          },
        },
      );
      handedOver.set(sessionId, true, Date.now() + REMEMBER_MS);
      if (answer.outcome === 'nothing-to-merge' || !answer.report) return { status: 'NOTHING_TO_MERGE', linesAdded: 0, linesCombined: 0, capped: [] };
      return { status: 'MERGED', ...answer.report };
    } catch (error) {
      // The sign-in stands; the guest cart stays where it was, and the next request of this
      // session asks again.
      logger.warn({ err: { message: (error as Error).message }, customerId }, 'guest cart hand-over failed; a later request of the session retries it');
      return { status: 'PENDING', linesAdded: 0, linesCombined: 0, capped: [] };
    }
  }

  return {
    handOver,
    /**
     * For a request of a signed-in session whose token still names its guest session: completes
     * the hand-over unless this replica already saw it done. Never fails the request.
     */
    async completePending(context: { requestId: string; logger: Logger; session: { sessionId: string; customerId?: string; mergeFromSessionId?: string } }): Promise<void> {
      const { sessionId, customerId, mergeFromSessionId } = context.session;
      if (!customerId || !mergeFromSessionId || handedOver.get(sessionId) || backingOff.get(sessionId)) return;
      const result = await handOver(context, { guestSessionId: mergeFromSessionId, sessionId, customerId });
      if (result.status === 'PENDING') backingOff.set(sessionId, true, Date.now() + RETRY_BACKOFF_MS);
    },
  };
}

export type CartHandOver = ReturnType<typeof createCartHandOver>;
