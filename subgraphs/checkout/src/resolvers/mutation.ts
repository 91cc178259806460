import { notImplemented } from '@shopgraph/shared';

export const Mutation = {
  placeOrder() {
    throw notImplemented('placeOrder');
  },
  setStock() {
    throw notImplemented('setStock');
  },
};
