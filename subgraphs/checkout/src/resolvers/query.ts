import { notImplemented } from '@shopgraph/shared';
import { SHIPPING_METHODS } from '../domain/shipping-methods.js';

export const Query = {
  shippingMethods: () => SHIPPING_METHODS,
  orders() {
    throw notImplemented('orders');
  },
  order() {
    throw notImplemented('order');
  },
};
