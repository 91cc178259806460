import {
  BreakingChangeType,
  findBreakingChanges,
  findDangerousChanges,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type BreakingChange,
  type GraphQLSchema,
} from 'graphql';
import { coordinateOfChange } from './change-coordinates.js';
import { outcomeOf, type CheckOutcome, type Finding } from './findings.js';
import type { CoordinateUsage } from './operation-usage.js';
import { safeChanges } from './safe-changes.js';
import { deprecationOf, elementNode } from './schema-elements.js';

/** Changes a deprecation in the baseline can excuse: removing or changing a deprecated element. */
const EXCUSABLE = new Set<string>([
  BreakingChangeType.FIELD_REMOVED,
  BreakingChangeType.FIELD_CHANGED_KIND,
  BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
  BreakingChangeType.ARG_REMOVED,
  BreakingChangeType.ARG_CHANGED_KIND,
  BreakingChangeType.REQUIRED_ARG_ADDED,
  BreakingChangeType.TYPE_REMOVED,
]);

/**
 * Classifies the API schema's changes against the baseline. A breaking change fails unless
 * the element was deprecated with a reason in the baseline (a released schema, so clients
 * had a release to move off it) and no client operation still uses it.
 */
export function checkBreakingChanges(baseline: GraphQLSchema, next: GraphQLSchema, usage: CoordinateUsage, note: string): CheckOutcome {
  const findings: Finding[] = [];
  for (const change of findBreakingChanges(baseline, next)) {
    const coordinate = coordinateOfChange(change);
    const usedBy = coordinate === undefined ? [] : (usage.get(coordinate) ?? []);
    const usedText = usedBy.length > 0 ? `; used by ${usedBy.join(', ')}` : '';
    const excuse = change.description.startsWith('Standard scalar ')
      ? // graphql-js drops a built-in scalar nothing references; no operation can depend on that alone.
        'a built-in scalar that nothing references any more'
      : usedBy.length === 0 && coordinate !== undefined
        ? deprecationExcuse(change, coordinate, baseline, next)
        : undefined;
    findings.push({
      check: 'breaking-changes',
      severity: excuse === undefined ? 'error' : 'info',
      code: change.type,
      message: excuse === undefined ? `breaking: ${change.description}${usedText}` : `breaking but allowed: ${change.description} (${excuse})`,
      ...(coordinate === undefined ? {} : { coordinate }),
      ...(excuse === undefined ? { fix: 'deprecate it with @deprecated(reason: "...") first, merge to main, and remove it in a later change' } : {}),
    });
  }
  for (const change of findDangerousChanges(baseline, next)) {
    const coordinate = coordinateOfChange(change);
    findings.push({
      check: 'breaking-changes',
      severity: 'warning',
      code: change.type,
      message: `dangerous: ${change.description}`,
      ...(coordinate === undefined ? {} : { coordinate }),
    });
  }
  for (const change of safeChanges(baseline, next)) {
    findings.push({ check: 'breaking-changes', severity: 'info', code: change.code, coordinate: change.coordinate, message: `safe: ${change.description}` });
  }
  return outcomeOf('breaking-changes', findings, note);
}

/** Why the baseline allows this change, or undefined when it does not. */
function deprecationExcuse(change: BreakingChange, coordinate: string, baseline: GraphQLSchema, next: GraphQLSchema): string | undefined {
  if (!EXCUSABLE.has(change.type)) return undefined;
  if (change.type === BreakingChangeType.TYPE_REMOVED) return typeRemovalExcuse(coordinate, baseline, next);
  const own = deprecationOf(elementNode(baseline, coordinate));
  if (own.reason !== undefined) return `deprecated in the baseline: "${own.reason}"`;
  // An argument of a deprecated field goes (or changes) with its field.
  const field = /^(.+)\(.+:\)$/.exec(coordinate)?.[1];
  const parent = field === undefined ? { deprecated: false } : deprecationOf(elementNode(baseline, field));
  return parent.reason !== undefined ? `its field ${field} is deprecated in the baseline: "${parent.reason}"` : undefined;
}

/**
 * Types cannot carry @deprecated, so a type may go when everything that reached it in the
 * baseline was deprecated with a reason or goes with it (its owner type is removed too).
 */
function typeRemovalExcuse(typeName: string, baseline: GraphQLSchema, next: GraphQLSchema): string | undefined {
  const references: string[] = [];
  for (const type of Object.values(baseline.getTypeMap())) {
    // References from the type itself, from introspection, or from types removed as well go with it.
    if (type.name === typeName || type.name.startsWith('__') || !next.getType(type.name)) continue;
    if (isUnionType(type) && type.getTypes().some((member) => member.name === typeName)) return undefined;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === typeName) references.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (getNamedType(arg.type).name === typeName) references.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (getNamedType(field.type).name === typeName) references.push(`${type.name}.${field.name}`);
    }
  }
  const undeprecated = references.filter((reference) => {
    const field = /^(.+)\(.+:\)$/.exec(reference)?.[1];
    return deprecationOf(elementNode(baseline, reference)).reason === undefined && (field === undefined || deprecationOf(elementNode(baseline, field)).reason === undefined);
  });
  if (undeprecated.length > 0) return undefined;
  return references.length > 0 ? `only reachable through deprecated elements in the baseline: ${references.join(', ')}` : 'not referenced by any remaining type in the baseline';
}

