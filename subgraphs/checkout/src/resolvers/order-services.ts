import { codedError, ErrorCode } from '@shopgraph/shared';
import { InternalCallError } from '@shopgraph/shared/server';
import type { CheckoutContext } from '../context.js';
import type { OrderDeps } from '../domain/order-deps.js';
import { PaymentOutcomeUnknown, StoreContendedError } from '../errors.js';

/** One request's dependencies for an order's steps. */
export function orderDeps(context: CheckoutContext): OrderDeps {
  const { orderServices, logger, requestId } = context;
  return { ...orderServices, logger, requestId };
}

/**
 * Runs an order mutation. A dependency that did not answer (cart, the payment provider, a
 * transaction still contended) is SERVICE_UNAVAILABLE: whatever was done stands, and a retry
 * finishes it without charging or refunding twice.
 */
export async function withDependencies<T>(context: CheckoutContext, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InternalCallError || error instanceof StoreContendedError || error instanceof PaymentOutcomeUnknown) {
      context.logger.warn({ err: { message: error.message } }, `${operation}: a dependency did not answer`);
      throw codedError(ErrorCode.SERVICE_UNAVAILABLE, `Checkout could not finish ${operation} now. Retry: it never charges or refunds twice.`);
    }
    throw error;
  }
}
