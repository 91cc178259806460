/**
 * How catalog's resolver types are generated from its schema.graphql (tools/codegen/resolver-types.config.ts
 * runs every subgraph's; `npm run codegen` writes src/generated/resolver-types.ts).
 */
export const resolverTypes = {
  /** The request context resolvers receive, as `file#Name` relative to the generated file. */
  contextType: '../context.js#CatalogContext',
  /**
   * A schema type's parent value where resolvers pass a domain object instead of the schema's
   * shape (the type's field resolvers read it), as `file#Name` relative to the generated file.
   */
  mappers: {
    // Domain objects holding ids (of variants, categories, the parent) that field resolvers
    // load; aliased, as the generated file declares the schema's types under the same names.
    Product: '../domain/catalog-types.js#Product as DomainProduct',
    ProductVariant: '../domain/catalog-types.js#ProductVariant as DomainProductVariant',
    Category: '../domain/catalog-types.js#Category as DomainCategory',
    // A listing page whose facets are computed only when selected, and its bands in minor units.
    ProductConnection: '../resolvers/product-connection.js#ProductConnectionParent',
    PriceBandFacet: '../resolvers/product-connection.js#PriceBandParent',
  },
};
