import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { LintRule, SchemaCheckConfig } from './config.js';
import { outcomeOf, type CheckOutcome, type Finding } from './findings.js';
import { deprecationOf } from './schema-elements.js';

/** A lint violation before exceptions apply. */
export interface LintViolation {
  readonly rule: LintRule;
  readonly coordinate: string;
  readonly message: string;
}

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** One element of the public schema, as the rules see it. */
interface Element {
  readonly coordinate: string;
  readonly kind: 'type' | 'field' | 'argument' | 'input field' | 'enum value';
  readonly name: string;
  readonly description: string | null | undefined;
  readonly astNode: Parameters<typeof deprecationOf>[0];
}

/**
 * Lints the client-facing schema: descriptions, naming, deprecation reasons and mutation
 * payloads. Introspection types, graphql's own scalars and federation's underscore names are
 * not the project's to describe, so they are skipped.
 */
export function lintSchema(schema: GraphQLSchema): LintViolation[] {
  const violations: LintViolation[] = [];
  const add = (rule: LintRule, coordinate: string, message: string): void => void violations.push({ rule, coordinate, message });

  for (const element of publicElements(schema)) {
    if (!element.description?.trim()) add('description', element.coordinate, `${element.kind} ${element.coordinate} has no description`);
    const convention = element.kind === 'type' ? PASCAL_CASE : element.kind === 'enum value' ? SCREAMING_SNAKE : CAMEL_CASE;
    if (!convention.test(element.name)) {
      const wanted = element.kind === 'type' ? 'PascalCase' : element.kind === 'enum value' ? 'SCREAMING_SNAKE_CASE' : 'camelCase';
      add('naming', element.coordinate, `${element.kind} ${element.coordinate} is not ${wanted}`);
    }
    const deprecation = deprecationOf(element.astNode);
    if (deprecation.deprecated && deprecation.reason === undefined) {
      add('deprecation-reason', element.coordinate, `${element.coordinate} is @deprecated without a reason: say what to use instead`);
    }
  }

  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const payload = getNamedType(field.type);
    if (!isObjectType(payload) || !payload.getFields().errors) {
      add('mutation-errors', `${mutation?.name}.${field.name}`, `${mutation?.name}.${field.name} returns ${payload.name}, which has no errors field for expected problems`);
    }
  }
  return violations;
}

/** Applies the configured exceptions: a listed violation is reported but passes; a stale listing warns. */
export function checkLint(schema: GraphQLSchema, exceptions: SchemaCheckConfig['lintExceptions']): CheckOutcome {
  const violations = lintSchema(schema);
  const findings: Finding[] = violations.map(({ rule, coordinate, message }) => {
    const excepted = exceptions[rule].includes(coordinate);
    return {
      check: 'lint',
      severity: excepted ? 'info' : 'error',
      code: rule,
      coordinate,
      message: excepted ? `${message} (listed in lintExceptions.${rule})` : message,
    };
  });
  for (const [rule, coordinates] of Object.entries(exceptions) as [LintRule, readonly string[]][]) {
    for (const coordinate of coordinates) {
      if (!violations.some((violation) => violation.rule === rule && violation.coordinate === coordinate)) {
        findings.push({
          check: 'lint',
          severity: 'warning',
          code: rule,
          coordinate,
          message: `${coordinate} passes ${rule} now`,
          fix: `remove it from lintExceptions.${rule} in tools/schema-check/schema-check.config.json`,
        });
      }
    }
  }
  const excepted = findings.filter((finding) => finding.severity === 'info').length;
  return outcomeOf('lint', findings, excepted > 0 ? `${excepted} known violations allowed by lintExceptions` : undefined);
}

function isProjectType(type: GraphQLNamedType): boolean {
  return !type.name.startsWith('_') && !isSpecifiedScalarType(type) && !/^(join|link)__/.test(type.name);
}

function* publicElements(schema: GraphQLSchema): Generator<Element> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isProjectType(type)) continue;
    yield { coordinate: type.name, kind: 'type', name: type.name, description: type.description, astNode: type.astNode };
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        const coordinate = `${type.name}.${field.name}`;
        yield { coordinate, kind: 'field', name: field.name, description: field.description, astNode: field.astNode };
        for (const arg of field.args) {
          yield { coordinate: `${coordinate}(${arg.name}:)`, kind: 'argument', name: arg.name, description: arg.description, astNode: arg.astNode };
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        yield { coordinate: `${type.name}.${field.name}`, kind: 'input field', name: field.name, description: field.description, astNode: field.astNode };
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        yield { coordinate: `${type.name}.${value.name}`, kind: 'enum value', name: value.name, description: value.description, astNode: value.astNode };
      }
    }
  }
}
