import { userError } from '@shopgraph/shared';
import type { CatalogContext } from '../context.js';
import { productProblems, variantListProblems, type ProductFields, type VariantFields } from '../domain/catalog-input.js';
import type { Image, Product } from '../domain/catalog-types.js';
import { CatalogUserErrorCode } from '../errors.js';
import { adminAnswer, given } from './admin-answer.js';

export interface ImageInput {
  url: string;
  altText?: string | null;
}
export type ProductInput = Omit<ProductFields, 'images'> & { images: ImageInput[] };

/** An image without alt text is stored without the field, however the client said "none". */
export const toImages = (images: readonly ImageInput[]): Image[] => images.map(({ url, altText }) => ({ url, ...(altText ? { altText } : {}) }));

/** Makes the change visible: this request's loaders, this replica's index at once, every other replica's by notice. */
export async function publishProduct(context: CatalogContext, product: Product): Promise<void> {
  context.loaders.product.clear(product.id).prime(product.id, product);
  await context.search.applyLocalChange([product]);
}

export const productMutations = {
  async createProduct(_: unknown, { input }: { input: ProductInput & { variants: VariantFields[] } }, context: CatalogContext) {
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

  async updateProduct(
    _: unknown,
    { input }: { input: { id: string; expectedVersion?: number | null } & { [K in keyof ProductInput]?: ProductInput[K] | null } },
    context: CatalogContext,
  ) {
    const { id, expectedVersion, images, ...rest } = given(input);
    const changes: Partial<ProductFields> = { ...rest, ...(images ? { images: toImages(images) } : {}) };
    return adminAnswer(
      context,
      'product',
      () =>
        Object.keys(changes).length === 0
          ? [userError(CatalogUserErrorCode.NOTHING_TO_CHANGE, 'Give at least one field to change.')]
          : productProblems(changes),
      async () => {
        const product = await context.catalog.updateProduct(id as string, expectedVersion, changes);
        await publishProduct(context, product);
        context.logger.info({ productId: product.id, fields: Object.keys(changes) }, 'product updated');
        return product;
      },
    );
  },

  async archiveProduct(_: unknown, { input }: { input: { id: string; expectedVersion?: number | null } }, context: CatalogContext) {
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
