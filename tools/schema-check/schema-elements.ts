import {
  isEnumType,
  Kind,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLSchema,
} from 'graphql';

/** The AST of an element found by its schema coordinate, or undefined when it does not exist. */
interface ElementNode {
  readonly directives?: readonly ConstDirectiveNode[] | undefined;
}

/**
 * Finds `Type`, `Type.field`, `Type.field(arg:)`, `Input.field` or `Enum.VALUE` in a schema
 * and returns its AST node (buildSchema keeps them). `null` means the element exists but has
 * no AST, e.g. a built-in.
 */
export function elementNode(schema: GraphQLSchema, coordinate: string): ElementNode | null | undefined {
  const match = /^([_A-Za-z][_0-9A-Za-z]*)(?:\.([_A-Za-z][_0-9A-Za-z]*)(?:\(([_A-Za-z][_0-9A-Za-z]*):\))?)?$/.exec(coordinate);
  if (!match?.[1]) return undefined;
  const [, typeName, memberName, argumentName] = match;
  const type = schema.getType(typeName);
  if (!type) return undefined;
  if (memberName === undefined) return type.astNode ?? null;
  if (isEnumType(type)) return argumentName ? undefined : orNull(type.getValue(memberName)?.astNode, type.getValue(memberName));
  if (isInputObjectType(type)) {
    const field = type.getFields()[memberName];
    return argumentName ? undefined : orNull(field?.astNode, field);
  }
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[memberName];
    if (argumentName === undefined) return orNull(field?.astNode, field);
    const argument = field?.args.find((arg) => arg.name === argumentName);
    return orNull(argument?.astNode, argument);
  }
  return undefined;
}

function orNull<T>(node: T | null | undefined, element: unknown): T | null | undefined {
  if (element === undefined) return undefined;
  return node ?? null;
}

/**
 * How an element is deprecated: `reason` only when `@deprecated(reason: "...")` is written out,
 * because graphql-js fills in "No longer supported" for a bare `@deprecated`, which tells a
 * client nothing about what to use instead.
 */
export function deprecationOf(node: ElementNode | null | undefined): { deprecated: boolean; reason?: string } {
  const directive = node?.directives?.find((candidate) => candidate.name.value === 'deprecated');
  if (!directive) return { deprecated: false };
  const reason = directive.arguments?.find((argument) => argument.name.value === 'reason')?.value;
  return reason?.kind === Kind.STRING && reason.value.trim().length > 0 ? { deprecated: true, reason: reason.value } : { deprecated: true };
}
