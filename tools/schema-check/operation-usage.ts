import { getNamedType, TypeInfo, typeFromAST, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import type { ClientOperation } from './operations.js';

/** Schema coordinate → the operations that use it, as `Name (file)`. */
export type CoordinateUsage = ReadonlyMap<string, readonly string[]>;

/**
 * The schema coordinates each operation touches in `schema` (normally the baseline): types,
 * fields, arguments, and the input fields and enum values written as literals. Values that
 * arrive in variables are unknown here, which is why client operations are also validated.
 */
export function coordinateUsage(schema: GraphQLSchema, operations: readonly ClientOperation[]): CoordinateUsage {
  const usage = new Map<string, string[]>();
  for (const operation of operations) {
    const label = `${operation.name} (${operation.file})`;
    for (const coordinate of coordinatesOf(schema, operation)) usage.set(coordinate, [...(usage.get(coordinate) ?? []), label]);
  }
  return usage;
}

function coordinatesOf(schema: GraphQLSchema, operation: ClientOperation): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    operation.document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (type) used.add(getNamedType(type).name);
      },
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        used.add(`${parent.name}.${field.name}`);
        used.add(getNamedType(field.type).name);
      },
      Argument() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const argument = typeInfo.getArgument();
        // Directive arguments (@include(if:)) are not schema coordinates of this schema's types.
        if (!parent || !field || !argument || typeInfo.getDirective()) return;
        used.add(`${parent.name}.${field.name}(${argument.name}:)`);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (parent) used.add(`${getNamedType(parent).name}.${node.name.value}`);
      },
      EnumValue() {
        const type = typeInfo.getInputType();
        const value = typeInfo.getEnumValue();
        if (type && value) used.add(`${getNamedType(type).name}.${value.name}`);
      },
    }),
  );
  return used;
}
