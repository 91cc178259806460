import { userError } from '@shopgraph/shared';
import { variantProblems } from '../domain/catalog-input.js';
import { CatalogUserErrorCode } from '../errors.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { adminAnswer, given } from './admin-answer.js';
import { publishProduct } from './admin-product-mutations.js';

export const variantMutations: Pick<MutationResolvers, 'createVariant' | 'updateVariant'> = {
  async createVariant(_, { input }, context) {
    const { productId, expectedVersion, ...fields } = input;
    return adminAnswer(
      context,
      'variant',
      () => variantProblems(fields),
      async () => {
        const { variant, product } = await context.catalog.createVariant(productId, expectedVersion ?? undefined, fields);
        context.loaders.variant.prime(variant.id, variant);
        await publishProduct(context, product);
        context.logger.info({ productId, variantId: variant.id, sku: variant.sku }, 'variant created');
        return variant;
      },
    );
  },

  async updateVariant(_, { input }, context) {
    const { id, expectedVersion, ...fields } = input;
    const changes = given(fields);
    return adminAnswer(
      context,
      'variant',
      () =>
        Object.keys(changes).length === 0
          ? [userError(CatalogUserErrorCode.NOTHING_TO_CHANGE, 'Give at least one field to change.')]
          : variantProblems(changes),
      async () => {
        const { variant, product } = await context.catalog.updateVariant(id, expectedVersion ?? undefined, changes);
        context.loaders.variant.clear(variant.id).prime(variant.id, variant);
        // Only a price moves what the index holds (the product's price range).
        if (product) await publishProduct(context, product);
        context.logger.info({ variantId: variant.id, fields: Object.keys(changes) }, 'variant updated');
        return variant;
      },
    );
  },
};
