import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { visitCounter, type WalkMeter } from '../walk-meter.js';

/** What the operation limits are checked against; each is counted over fragments inlined. */
export interface OperationMeasures {
  /**
   * Fields on the longest path, the leaf included; a fragment adds no level, and neither does
   * a connection's `edges` (its `node` does): `products { edges { node { title } } }` is 3 deep,
   * as `products { nodes { title } }` is. Connections are paging boilerplate, not nesting.
   */
  depth: number;
  /** Aliased fields, `__typename` included. */
  aliases: number;
  /** Distinct response keys at the root of the operation. */
  rootFields: number;
  /** Directive uses anywhere in the operation and the fragments it spreads. */
  directives: number;
  /**
   * Every field costs 1; a list multiplies the cost of what it selects by its size: the
   * `first` (or `last`) argument of the field or of the connection it sits directly in,
   * else the default list size. So `products(first: 100) { edges { node { title } } }`
   * costs 1 + 100 × (1 + 1 + 1) = 301.
   */
  cost: number;
}

export interface MeasureOptions {
  /** The size assumed for a list with no `first`/`last` (and for a slicing variable left unset). */
  defaultListSize: number;
  /** Overrides the size of a slicing variable the request leaves unset; schema:check asks for the worst case. */
  unsetSlicingSize?: number;
  /** Counts the selections the measuring visits (tests hold it to a linear bound). */
  meter?: WalkMeter;
}

interface Measured {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

const NOTHING: Measured = { depth: 0, aliases: 0, directives: 0, cost: 0 };
const SLICING_ARGUMENTS = ['first', 'last'];
/** Introspection is refused outside development; where allowed, Sandbox's deep query must not count. */
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/**
 * Measures one operation of an already validated document. Linear in the document's size:
 * each fragment is measured once per list size it is spread under, however often it is
 * spread, so a fragment fan-out cannot make the measuring itself expensive.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  options: MeasureOptions,
): OperationMeasures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map(operation.variableDefinitions?.map((definition) => [definition.variable.name.value, definition.defaultValue]) ?? []);
  const visited = visitCounter(options.meter);
  const memo = new Map<string, Measured>();
  const inProgress = new Set<string>();

  const sliceSize = (field: FieldNode): number | undefined => {
    const argument = field.arguments?.find((candidate) => SLICING_ARGUMENTS.includes(candidate.name.value));
    if (!argument) return undefined;
    return sizeOf(argument.value) ?? options.unsetSlicingSize ?? options.defaultListSize;
  };
  const sizeOf = (value: ValueNode | undefined): number | undefined => {
    if (value?.kind === Kind.INT) return Math.max(0, Number(value.value));
    if (value?.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === 'number' && Number.isInteger(given)) return Math.max(0, given);
      return given === undefined ? sizeOf(variableDefaults.get(value.name.value)) : undefined;
    }
    return undefined;
  };

  const measureSet = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType | undefined, sizeHint: number | undefined): Measured => {
    const total = { ...NOTHING };
    const add = (part: Measured, ownDirectives: number) => {
      total.depth = Math.max(total.depth, part.depth);
      total.aliases += part.aliases;
      total.directives += part.directives + ownDirectives;
      total.cost = saturate(total.cost + part.cost);
    };
    for (const selection of selectionSet.selections) {
      visited();
      const ownDirectives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        add(measureField(selection, parentType, sizeHint), ownDirectives);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parentType;
        add(measureSet(selection.selectionSet, asComposite(type), sizeHint), ownDirectives);
      } else {
        add(measureFragment(selection.name.value, sizeHint), ownDirectives);
      }
    }
    return total;
  };

  const measureFragment = (name: string, sizeHint: number | undefined): Measured => {
    const key = `${name}:${sizeHint ?? ''}`;
    const known = memo.get(key);
    if (known) return known;
    const fragment = fragments.get(name);
    // A cycle or a missing fragment fails validation; measuring it as nothing keeps this total.
    if (!fragment || inProgress.has(key)) return NOTHING;
    inProgress.add(key);
    const type = schema.getType(fragment.typeCondition.name.value);
    const inner = measureSet(fragment.selectionSet, asComposite(type), sizeHint);
    const measured = { ...inner, directives: inner.directives + (fragment.directives?.length ?? 0) };
    inProgress.delete(key);
    memo.set(key, measured);
    return measured;
  };

  const measureField = (field: FieldNode, parentType: GraphQLCompositeType | undefined, sizeHint: number | undefined): Measured => {
    if (INTROSPECTION_FIELDS.has(field.name.value)) return NOTHING;
    const definition = fieldDefinition(parentType, field.name.value);
    const ownSlice = sliceSize(field);
    const listed = definition !== undefined && isList(definition.type);
    const size = listed ? (ownSlice ?? sizeHint ?? options.defaultListSize) : 1;
    const alias = field.alias ? 1 : 0;
    if (!field.selectionSet) return { depth: 1, aliases: alias, directives: 0, cost: size };
    // The slice of a connection sizes the lists directly inside it (its edges or nodes).
    const inner = measureSet(field.selectionSet, asComposite(definition && namedType(definition.type)), listed ? undefined : ownSlice);
    return {
      depth: inner.depth + (isConnectionEdges(parentType, field) ? 0 : 1),
      aliases: inner.aliases + alias,
      directives: inner.directives,
      cost: saturate(size * (1 + inner.cost)),
    };
  };

  const root = measureSet(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined);
  return {
    depth: root.depth,
    aliases: root.aliases,
    rootFields: countRootFields(operation.selectionSet, fragments, visited),
    directives:
      root.directives +
      (operation.directives?.length ?? 0) +
      (operation.variableDefinitions?.reduce((sum, definition) => sum + (definition.directives?.length ?? 0), 0) ?? 0),
    cost: root.cost,
  };
}

/*
 * Types are told apart by their tag, not graphql-js's `isListType` & co.: those use
 * `instanceof`, and the gateway's schema is built by the CommonJS copy of graphql that
 * @apollo/gateway loads, while this module may get the ESM one.
 */
const tagOf = (type: unknown): string => Object.prototype.toString.call(type);
const COMPOSITE_TAGS = new Set(['[object GraphQLObjectType]', '[object GraphQLInterfaceType]', '[object GraphQLUnionType]']);

function isList(type: GraphQLType): boolean {
  const nullable = tagOf(type) === '[object GraphQLNonNull]' ? (type as { ofType: GraphQLType }).ofType : type;
  return tagOf(nullable) === '[object GraphQLList]';
}

function namedType(type: GraphQLType): GraphQLNamedType {
  let named: GraphQLType = type;
  while ('ofType' in named) named = named.ofType;
  return named;
}

function asComposite(type: GraphQLNamedType | null | undefined): GraphQLCompositeType | undefined {
  return type && COMPOSITE_TAGS.has(tagOf(type)) ? (type as GraphQLCompositeType) : undefined;
}

/** A Relay connection's `edges`: the field on a `…Connection` type whose items hold the `node`. */
function isConnectionEdges(parentType: GraphQLCompositeType | undefined, field: FieldNode): boolean {
  return field.name.value === 'edges' && parentType !== undefined && parentType.name.endsWith('Connection');
}

function fieldDefinition(parentType: GraphQLCompositeType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (!parentType || !('getFields' in parentType)) return undefined;
  return parentType.getFields()[name];
}

/** Response keys at the root (the same field selected twice, directly or in fragments, merges into one). */
function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visited: () => void,
  keys = new Set<string>(),
  seen = new Set<string>(),
): number {
  for (const selection of selectionSet.selections) {
    visited();
    if (selection.kind === Kind.FIELD) keys.add((selection.alias ?? selection.name).value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) countRootFields(selection.selectionSet, fragments, visited, keys, seen);
    else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      seen.add(fragment.name.value);
      countRootFields(fragment.selectionSet, fragments, visited, keys, seen);
    }
  }
  return keys.size;
}

/** Costs of hostile documents grow geometrically; past this they are all simply "too much". */
function saturate(value: number): number {
  return Math.min(value, Number.MAX_SAFE_INTEGER);
}
