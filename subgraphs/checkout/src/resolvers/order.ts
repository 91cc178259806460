import type { OrderLine } from '../domain/order.js';

export const OrderLineResolvers = {
  // The variant's other fields (sku, title) come from catalog through the gateway.
  variant: (line: OrderLine) => ({ __typename: 'ProductVariant', id: line.variantId }),
};
