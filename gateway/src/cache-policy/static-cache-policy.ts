import {
  buildASTSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationTypeNode,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How long any cache (a CDN, the gateway's own) may keep an operation's answer. */
export interface PublicCachePolicy {
  maxAgeSeconds: number;
}

interface Hint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

/**
 * Reads an operation's cache policy from the `@cacheControl` hints the subgraphs declare and
 * composition carries into the supergraph, before anything runs: the gateway decides from it
 * whether a request needs a session at all. The rules are Apollo Server's: a root field, or a
 * field returning an object, interface or union, with no hint of its own (nor on its type)
 * has max age 0; a leaf field inherits its parent's; `inheritMaxAge` takes the parent's;
 * one PRIVATE field makes the whole answer private. Resolvers can only lower a max age at
 * run time (the subgraphs' Cache-Control headers), never make a private answer public.
 *
 * Undefined: the operation is not publicly cacheable (a mutation, a field without a hint, a
 * PRIVATE field, introspection), so it runs with a session.
 */
export function createStaticCachePolicy(supergraphSdl: string): (document: DocumentNode, operationName: string | null | undefined) => PublicCachePolicy | undefined {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  // Apollo Server keeps one parsed document per distinct query, so this is one walk per document.
  const known = new WeakMap<DocumentNode, Map<string, PublicCachePolicy | undefined>>();
  return (document, operationName) => {
    let byName = known.get(document);
    if (!byName) known.set(document, (byName = new Map<string, PublicCachePolicy | undefined>()));
    const name = operationName ?? '';
    if (byName.has(name)) return byName.get(name);
    const policy = policyOf(schema, document, operationName);
    byName.set(name, policy);
    return policy;
  };
}

function policyOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): PublicCachePolicy | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return undefined;
  const queryType = schema.getQueryType();
  if (!queryType) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  let maxAge = Number.POSITIVE_INFINITY;
  let cacheable = true;
  const visit = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, parentMaxAge: number | undefined, seen: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      if (!cacheable) return;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? compositeNamed(schema, selection.typeCondition.name.value) : parentType;
        if (!type) return void (cacheable = false);
        visit(selection.selectionSet, type, parentMaxAge, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && compositeNamed(schema, fragment.typeCondition.name.value);
        if (!fragment || !type) return void (cacheable = false);
        if (seen.has(fragment.name.value)) continue;
        visit(fragment.selectionSet, type, parentMaxAge, new Set([...seen, fragment.name.value]));
        continue;
      }
      if (selection.name.value === '__typename') continue;
      const field = fieldOf(parentType, selection.name.value);
      // Introspection (__schema, __type) and anything this schema does not know.
      if (!field) return void (cacheable = false);
      const returnType = getNamedType(field.type);
      const typeHint = isCompositeType(returnType) ? hintOf(returnType.astNode?.directives) : {};
      const fieldHint = hintOf(field.astNode?.directives);
      if ((fieldHint.scope ?? typeHint.scope) === 'PRIVATE') return void (cacheable = false);
      const root = parentType === queryType;
      const inherits = fieldHint.inheritMaxAge === true || (fieldHint.maxAge === undefined && typeHint.inheritMaxAge === true);
      const own = fieldHint.maxAge ?? (inherits ? undefined : typeHint.maxAge);
      const fieldMaxAge = own ?? (inherits || (!root && !isCompositeType(returnType)) ? parentMaxAge : 0);
      if (fieldMaxAge === undefined || fieldMaxAge <= 0) return void (cacheable = false);
      maxAge = Math.min(maxAge, fieldMaxAge);
      if (selection.selectionSet && isCompositeType(returnType)) visit(selection.selectionSet, returnType, fieldMaxAge, seen);
    }
  };
  visit(operation.selectionSet, queryType, undefined, new Set());
  return cacheable && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : undefined;
}

function compositeNamed(schema: GraphQLSchema, name: string): GraphQLCompositeType | undefined {
  const type: GraphQLNamedType | undefined = schema.getType(name);
  return type && isCompositeType(type) ? type : undefined;
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function hintOf(directives: readonly ConstDirectiveNode[] | undefined): Hint {
  const directive = directives?.find((candidate) => candidate.name.value === 'cacheControl');
  const hint: Hint = {};
  for (const argument of directive?.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'maxAge' && value.kind === Kind.INT) hint.maxAge = Number(value.value);
    if (argument.name.value === 'scope' && value.kind === Kind.ENUM && (value.value === 'PUBLIC' || value.value === 'PRIVATE')) hint.scope = value.value;
    if (argument.name.value === 'inheritMaxAge' && value.kind === Kind.BOOLEAN) hint.inheritMaxAge = value.value;
  }
  return hint;
}
