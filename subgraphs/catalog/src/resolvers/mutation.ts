import { Role, userError } from '@shopgraph/shared';
import { requireRole } from '@shopgraph/shared/server';
import { priceAmountProblem } from '../domain/price-rules.js';
import { CatalogUserErrorCode } from '../errors.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { PriceConflictError } from '../store/price-writer.js';
import { categoryMutations } from './admin-category-mutations.js';
import { productMutations } from './admin-product-mutations.js';
import { variantMutations } from './admin-variant-mutations.js';

export const Mutation: MutationResolvers = {
  ...productMutations,
  ...variantMutations,
  ...categoryMutations,

  async setVariantPrice(_, { variantId, amount }, context) {
    requireRole(context, Role.ADMIN);
    const problem = priceAmountProblem(amount);
    if (problem) return { variant: null, errors: [userError(CatalogUserErrorCode.INVALID_PRICE, problem, ['amount'])] };
    let changed;
    try {
      changed = await context.catalog.setVariantPrice(variantId, amount);
    } catch (error) {
      if (!(error instanceof PriceConflictError)) throw error;
      return { variant: null, errors: [userError(CatalogUserErrorCode.PRICE_CONFLICT, 'The product changed meanwhile; try again.', ['variantId'])] };
    }
    if (!changed) return { variant: null, errors: [userError(CatalogUserErrorCode.VARIANT_NOT_FOUND, 'No variant has this id.', ['variantId'])] };
    context.loaders.variant.clear(variantId).prime(variantId, changed.variant);
    context.loaders.product.clear(changed.product.id).prime(changed.product.id, changed.product);
    await context.search.applyLocalChange([changed.product]);
    context.logger.info({ variantId, amount }, 'variant price set');
    return { variant: changed.variant, errors: [] };
  },
};
