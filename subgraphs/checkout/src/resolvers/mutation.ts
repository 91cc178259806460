import { codedError, ErrorCode, Role, userError } from '@shopgraph/shared';
import { InternalCallError, requireRole, requireSession } from '@shopgraph/shared/server';
import type { CheckoutContext } from '../context.js';
import { placeOrder } from '../domain/place-order.js';
import type { PlaceOrderInput } from '../domain/place-order-input.js';
import { stockQuantityProblem } from '../domain/stock-rules.js';
import { CheckoutErrorCode, StoreContendedError } from '../errors.js';

export const Mutation = {
  async placeOrder(_: unknown, { input, idempotencyKey }: { input: PlaceOrderInput; idempotencyKey: string }, context: CheckoutContext) {
    const session = requireSession(context);
    const { orderServices, logger, requestId } = context;
    try {
      const result = await placeOrder({ ...orderServices, logger, requestId }, session, input, idempotencyKey);
      // Stock moved only when an order was written; catalog's inStock filter follows.
      if (result.order) await context.stockNotices.publish(result.order.lines.map((line) => line.variantId));
      return result;
    } catch (error) {
      // Cart or catalog did not answer, or a transaction stayed contended. Whatever was done
      // stands; a retry under the same key finishes or answers it, never charging twice.
      if (error instanceof InternalCallError || error instanceof StoreContendedError) {
        logger.warn({ err: { message: error.message } }, 'placeOrder: a dependency did not answer');
        throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'Checkout could not finish the order now. Retry with the same idempotencyKey: it never charges twice.');
      }
      throw error;
    }
  },

  async setStock(_: unknown, { variantId, quantity }: { variantId: string; quantity: number }, context: CheckoutContext) {
    requireRole(context, Role.ADMIN);
    const problem = stockQuantityProblem(quantity);
    if (problem) return { variant: null, errors: [userError(CheckoutErrorCode.INVALID_QUANTITY, problem, ['quantity'])] };
    if (variantId.length === 0 || variantId.length > 128) {
      return { variant: null, errors: [userError(CheckoutErrorCode.VARIANT_NOT_FOUND, 'No variant has this id.', ['variantId'])] };
    }
    const stored = await context.inventory.setQuantity(variantId, quantity);
    context.loaders.stock.clear(variantId).prime(variantId, stored);
    await context.stockNotices.publish([variantId]);
    context.logger.info({ variantId, quantity }, 'stock level set');
    return { variant: { id: variantId }, errors: [] };
  },
};
