import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import { deprecationOf } from './schema-elements.js';

/** A change no client can notice: an added type or output field, a new deprecation. */
export interface SafeChange {
  readonly code: 'TYPE_ADDED' | 'FIELD_ADDED' | 'DEPRECATION_ADDED';
  readonly coordinate: string;
  readonly description: string;
}

/**
 * graphql-js lists only breaking and dangerous changes; the safe ones are listed here so the
 * report shows the whole change. Additions to input types and arguments are not here: graphql-js
 * reports the optional ones as dangerous and the required ones as breaking.
 */
export function safeChanges(baseline: GraphQLSchema, next: GraphQLSchema): SafeChange[] {
  const changes: SafeChange[] = [];
  for (const type of Object.values(next.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const old = baseline.getType(type.name);
    if (!old) {
      changes.push({ code: 'TYPE_ADDED', coordinate: type.name, description: `${type.name} was added.` });
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(old) || isInterfaceType(old))) {
      const oldFields = old.getFields();
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        const oldField = oldFields[field.name];
        if (!oldField) changes.push({ code: 'FIELD_ADDED', coordinate, description: `${coordinate} was added.` });
        else if (newlyDeprecated(oldField, field)) changes.push(deprecation(coordinate));
        for (const arg of field.args) {
          const oldArg = oldField?.args.find((candidate) => candidate.name === arg.name);
          if (oldArg && newlyDeprecated(oldArg, arg)) changes.push(deprecation(`${coordinate}(${arg.name}:)`));
        }
      }
    }
    if (isInputObjectType(type) && isInputObjectType(old)) {
      const oldFields = old.getFields();
      for (const field of Object.values(type.getFields())) {
        const oldField = oldFields[field.name];
        if (oldField && newlyDeprecated(oldField, field)) changes.push(deprecation(`${type.name}.${field.name}`));
      }
    }
    if (isEnumType(type) && isEnumType(old)) {
      for (const value of type.getValues()) {
        const oldValue = old.getValue(value.name);
        if (oldValue && newlyDeprecated(oldValue, value)) changes.push(deprecation(`${type.name}.${value.name}`));
      }
    }
  }
  return changes;
}

type Deprecatable = { astNode?: { directives?: readonly ConstDirectiveNode[] | undefined } | null | undefined };

function newlyDeprecated(old: Deprecatable, next: Deprecatable): boolean {
  return !deprecationOf(old.astNode).deprecated && deprecationOf(next.astNode).deprecated;
}

function deprecation(coordinate: string): SafeChange {
  return { code: 'DEPRECATION_ADDED', coordinate, description: `${coordinate} was deprecated.` };
}
