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
import { visitCounter, type WalkMeter } from '../walk-meter.js';

/** How long any cache (a CDN, the gateway's own) may keep an operation's answer. */
export interface PublicCachePolicy {
  maxAgeSeconds: number;
}

export type PublicPolicyOf = (document: DocumentNode, operationName: string | null | undefined) => PublicCachePolicy | undefined;

interface Hint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

/** A selection set's verdict: not cacheable at all, or cacheable for the smallest max age in it. */
type Verdict = { cacheable: false } | { cacheable: true; maxAge: number };

const NOT_CACHEABLE: Verdict = { cacheable: false };

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
export function createStaticCachePolicy(supergraphSdl: string): PublicPolicyOf {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  // Apollo Server keeps one parsed document per distinct query, so this is one walk per document.
  const known = new WeakMap<DocumentNode, Map<string, PublicCachePolicy | undefined>>();
  return (document, operationName) => {
    let byName = known.get(document);
    if (!byName) known.set(document, (byName = new Map<string, PublicCachePolicy | undefined>()));
    const name = operationName ?? '';
    if (byName.has(name)) return byName.get(name);
    const policy = readCachePolicy(schema, document, operationName);
    byName.set(name, policy);
    return policy;
  };
}

/**
 * The walk itself, linear in the document: a fragment's verdict depends only on the fragment
 * and the max age it inherits, so each (fragment, inherited max age) pair is walked once and
 * its verdict reused wherever it is spread again. A fan-out of fragments that each spread the
 * next twice would otherwise cost 2^n steps for a document of n lines.
 */
export function readCachePolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  meter?: WalkMeter,
): PublicCachePolicy | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return undefined;
  const queryType = schema.getQueryType();
  if (!queryType) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const visited = visitCounter(meter);
  const fragmentVerdicts = new Map<string, Verdict>();
  const inProgress = new Set<string>();

  const fragmentVerdict = (name: string, parentMaxAge: number | undefined): Verdict => {
    const key = `${name}:${parentMaxAge ?? ''}`;
    const known = fragmentVerdicts.get(key);
    if (known) return known;
    // A fragment spread inside itself fails validation before this runs; here it adds nothing.
    if (inProgress.has(key)) return { cacheable: true, maxAge: Number.POSITIVE_INFINITY };
    const fragment = fragments.get(name);
    const type = fragment && compositeNamed(schema, fragment.typeCondition.name.value);
    if (!fragment || !type) return NOT_CACHEABLE;
    inProgress.add(key);
    const verdict = setVerdict(fragment.selectionSet, type, parentMaxAge);
    inProgress.delete(key);
    fragmentVerdicts.set(key, verdict);
    return verdict;
  };

  const setVerdict = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, parentMaxAge: number | undefined): Verdict => {
    let maxAge = Number.POSITIVE_INFINITY;
    for (const selection of selectionSet.selections) {
      visited();
      let part: Verdict;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? compositeNamed(schema, selection.typeCondition.name.value) : parentType;
        part = type ? setVerdict(selection.selectionSet, type, parentMaxAge) : NOT_CACHEABLE;
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        part = fragmentVerdict(selection.name.value, parentMaxAge);
      } else if (selection.name.value === '__typename') {
        continue;
      } else {
        part = fieldVerdict(selection.name.value, selection.selectionSet, parentType, parentMaxAge);
      }
      if (!part.cacheable) return NOT_CACHEABLE;
      maxAge = Math.min(maxAge, part.maxAge);
    }
    return { cacheable: true, maxAge };
  };

  const fieldVerdict = (name: string, selectionSet: SelectionSetNode | undefined, parentType: GraphQLCompositeType, parentMaxAge: number | undefined): Verdict => {
    const field = fieldOf(parentType, name);
    // Introspection (__schema, __type) and anything this schema does not know.
    if (!field) return NOT_CACHEABLE;
    const returnType = getNamedType(field.type);
    const typeHint = isCompositeType(returnType) ? hintOf(returnType.astNode?.directives) : {};
    const fieldHint = hintOf(field.astNode?.directives);
    if ((fieldHint.scope ?? typeHint.scope) === 'PRIVATE') return NOT_CACHEABLE;
    const root = parentType === queryType;
    const inherits = fieldHint.inheritMaxAge === true || (fieldHint.maxAge === undefined && typeHint.inheritMaxAge === true);
    const own = fieldHint.maxAge ?? (inherits ? undefined : typeHint.maxAge);
    const fieldMaxAge = own ?? (inherits || (!root && !isCompositeType(returnType)) ? parentMaxAge : 0);
    if (fieldMaxAge === undefined || fieldMaxAge <= 0) return NOT_CACHEABLE;
    if (!selectionSet || !isCompositeType(returnType)) return { cacheable: true, maxAge: fieldMaxAge };
    const inner = setVerdict(selectionSet, returnType, fieldMaxAge);
    return inner.cacheable ? { cacheable: true, maxAge: Math.min(fieldMaxAge, inner.maxAge) } : NOT_CACHEABLE;
  };

  const verdict = setVerdict(operation.selectionSet, queryType, undefined);
  return verdict.cacheable && Number.isFinite(verdict.maxAge) ? { maxAgeSeconds: verdict.maxAge } : undefined;
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
