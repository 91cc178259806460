import { userError } from '@shopgraph/shared';
import type { CatalogContext } from '../context.js';
import { productProblems, variantListProblems, type ProductFields } from '../domain/catalog-input.js';
import type { Image, Product } from '../domain/catalog-types.js';
import { CatalogUserErrorCode } from '../errors.js';
import type { ImageInput, MutationResolvers } from '../generated/resolver-types.js';
import { adminAnswer, given } from './admin-answer.js';

/** An image without alt text is stored without the field, however the client said "none". */
export const toImages = (images: readonly ImageInput[]): Image[] => images.map(({ url, altText }) => ({ url, ...(altText ? { altText } : {}) }));

/** Makes the change visible: this request's loaders, this replica's index at once, every other replica's by notice. */
export async function publishProduct(context: CatalogContext, product: Product): Promise<void> {
  context.loaders.product.clear(product.id).prime(product.id, product);
  await context.search.applyLocalChange([product]);
}

export const productMutations: Pick<MutationResolvers, 'createProduct' | 'updateProduct' | 'archiveProduct'> = {
  async createProduct(_, { input }, context) {
    const { variants, ...rest } = input;
    const fields: ProductFields = { ...rest, images: toImages(rest.images) };
    return adminAnswer(
      context,
      'product',
      () => [...productProblems(fields), ...variantListProblems(variants)],
      async () => {
        const { product } = await context.catalog.createProduct(fields, variants);
        await publishProduct(context, product);
        context.logger.info({ productId: product.id, slug: product.slug }, 'product created');
        return product;
      },
    );
  },

  async updateProduct(_, { input }, context) {
    const { id, expectedVersion, ...fields } = input;
    const { images, ...rest } = given(fields);
    const changes: Partial<ProductFields> = { ...rest, ...(images ? { images: toImages(images) } : {}) };
    return adminAnswer(
      context,
      'product',
      () =>
        Object.keys(changes).length === 0
          ? [userError(CatalogUserErrorCode.NOTHING_TO_CHANGE, 'Give at least one field to change.')]
          : productProblems(changes),
      async () => {
        const product = await context.catalog.updateProduct(id, expectedVersion ?? undefined, changes);
        await publishProduct(context, product);
        context.logger.info({ productId: product.id, fields: Object.keys(changes) }, 'product updated');
        return product;
      },
    );
  },

  async archiveProduct(_, { input }, context) {
    return adminAnswer(
      context,
      'product',
      () => [],
      async () => {
        const product = await context.catalog.archiveProduct(input.id, input.expectedVersion ?? undefined);
        await publishProduct(context, product);
        for (const variantId of product.variantIds) context.loaders.variant.clear(variantId);
        context.logger.info({ productId: product.id }, 'product archived');
        return product;
      },
    );
  },
};
