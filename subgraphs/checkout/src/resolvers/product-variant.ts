import type { CheckoutContext } from '../context.js';

export interface VariantReference {
  id: string;
}

export const ProductVariantResolvers = {
  __resolveReference: (reference: VariantReference) => reference,
  availableQuantity: ({ id }: VariantReference, _: unknown, { loaders }: CheckoutContext) => loaders.stock.load(id),
  inStock: async ({ id }: VariantReference, _: unknown, { loaders }: CheckoutContext) => (await loaders.stock.load(id)) > 0,
};
