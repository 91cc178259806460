/**
 * How identity's resolver types are generated from its schema.graphql (tools/codegen/resolver-types.config.ts
 * runs every subgraph's; `npm run codegen` writes src/generated/resolver-types.ts).
 */
export const resolverTypes = {
  /** The request context resolvers receive, as `file#Name` relative to the generated file. */
  contextType: '../context.js#IdentityContext',
  /**
   * A schema type's parent value where resolvers pass a domain object instead of the schema's
   * shape (the type's field resolvers read it), as `file#Name` relative to the generated file.
   */
  mappers: { Customer: '../domain/identity-types.js#Customer as CustomerRecord', Viewer: '../resolvers/viewer.js#ViewerParent' },
};
