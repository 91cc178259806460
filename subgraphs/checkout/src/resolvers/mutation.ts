import { Role, userError } from '@shopgraph/shared';
import { requireRole } from '@shopgraph/shared/server';
import { stockQuantityProblem } from '../domain/stock-rules.js';
import { CheckoutErrorCode } from '../errors.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { AdminMutation } from './admin-mutation.js';
import { OrderMutation } from './order-mutation.js';

export const Mutation: MutationResolvers = {
  ...OrderMutation,
  ...AdminMutation,

  async setStock(_, { variantId, quantity }, context) {
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
