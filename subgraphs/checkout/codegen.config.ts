/**
 * How checkout's resolver types are generated from its schema.graphql (tools/codegen/resolver-types.config.ts
 * runs every subgraph's; `npm run codegen` writes src/generated/resolver-types.ts).
 */
export const resolverTypes = {
  /** The request context resolvers receive, as `file#Name` relative to the generated file. */
  contextType: '../context.js#CheckoutContext',
  /**
   * A schema type's parent value where resolvers pass a domain object instead of the schema's
   * shape (the type's field resolvers read it), as `file#Name` relative to the generated file.
   */
  mappers: {
    /** The stored order: its lines, payment, payments, fulfilments and refunds are computed by field resolvers. */
    Order: '../domain/order.js#Order as StoredOrder',
    /** A stored line with its public id and shipped units; `variant` is resolved from its variantId. */
    OrderLine: '../resolvers/order.js#OrderLineView',
    /** Only the key: stock fields are resolved from it, and catalog answers the rest through the gateway. */
    ProductVariant: '../resolvers/product-variant.js#VariantReference',
  },
};
