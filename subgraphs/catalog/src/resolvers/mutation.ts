import { notImplemented } from '@shopgraph/shared';

export const Mutation = {
  setVariantPrice() {
    throw notImplemented('setVariantPrice');
  },
};
