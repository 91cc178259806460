import { Role, userError } from '@shopgraph/shared';
import { requireRole } from '@shopgraph/shared/server';
import type { CheckoutContext } from '../context.js';
import { stockQuantityProblem } from '../domain/stock-rules.js';
import { CheckoutErrorCode } from '../errors.js';
import { AdminMutation } from './admin-mutation.js';
import { OrderMutation } from './order-mutation.js';

export const Mutation = {
  ...OrderMutation,
  ...AdminMutation,

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
