import { userError } from '@shopgraph/shared';
import type { CatalogContext } from '../context.js';
import { variantProblems, type VariantFields } from '../domain/catalog-input.js';
import { CatalogUserErrorCode } from '../errors.js';
import { adminAnswer, given } from './admin-answer.js';
import { publishProduct } from './admin-product-mutations.js';

type Nullable<T> = { [K in keyof T]?: T[K] | null };

export const variantMutations = {
  async createVariant(_: unknown, { input }: { input: VariantFields & { productId: string; expectedVersion?: number | null } }, context: CatalogContext) {
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

  async updateVariant(_: unknown, { input }: { input: Nullable<VariantFields> & { id: string; expectedVersion?: number | null } }, context: CatalogContext) {
    const { id, expectedVersion, ...changes } = given(input);
    return adminAnswer(
      context,
      'variant',
      () =>
        Object.keys(changes).length === 0
          ? [userError(CatalogUserErrorCode.NOTHING_TO_CHANGE, 'Give at least one field to change.')]
          : variantProblems(changes),
      async () => {
        const { variant, product } = await context.catalog.updateVariant(id as string, expectedVersion, changes);
        context.loaders.variant.clear(variant.id).prime(variant.id, variant);
        // Only a price moves what the index holds (the product's price range).
        if (product) await publishProduct(context, product);
        context.logger.info({ variantId: variant.id, fields: Object.keys(changes) }, 'variant updated');
        return variant;
      },
    );
  },
};
