import { readFileSync } from 'node:fs';
import { Kind, parse, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { z } from 'zod';

/** One of the contract's operations, as a GraphiQL tab opens it. */
export interface PlaygroundExample {
  name: string;
  /** The operation with the fragments it spreads, exactly as the manifest trusts it. */
  query: string;
  /** JSON: a placeholder for each required variable of a built-in scalar type. */
  variables: string;
}

const manifestSchema = z.object({
  operations: z.array(z.object({ name: z.string(), type: z.enum(['query', 'mutation', 'subscription']), body: z.string().min(1) })),
});

const ORDER = { query: 0, mutation: 1, subscription: 2 } as const;

/** What a required variable starts as; other types (inputs, enums) are left for the editor to complete. */
const PLACEHOLDERS: Record<string, unknown> = { Int: 10, Float: 0, Boolean: false, String: '', ID: '' };

/**
 * The client operations (clients/operations/*.graphql), read from the trusted-documents
 * manifest built from them: each body already carries its fragments and is the very text
 * the gateway trusts, so a tab runs as written even where documents are enforced.
 * Queries first, then mutations, each by name.
 */
export function loadExamples(manifestPath: string): PlaygroundExample[] {
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (error) {
    throw new Error(`cannot read the playground's examples from ${manifestPath} (run \`npm run operations:manifest\`): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return [...manifest.operations]
    .sort((a, b) => ORDER[a.type] - ORDER[b.type] || a.name.localeCompare(b.name))
    .map(({ name, body }) => ({ name, query: body, variables: JSON.stringify(placeholderVariables(body, name), null, 2) }));
}

function placeholderVariables(body: string, name: string): Record<string, unknown> {
  const operation = parse(body).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name,
  );
  const variables: Record<string, unknown> = {};
  for (const definition of operation?.variableDefinitions ?? []) {
    const placeholder = requiredScalarPlaceholder(definition.type);
    if (placeholder !== undefined) variables[definition.variable.name.value] = placeholder;
  }
  return variables;
}

function requiredScalarPlaceholder(type: TypeNode): unknown {
  if (type.kind !== Kind.NON_NULL_TYPE || type.type.kind !== Kind.NAMED_TYPE) return undefined;
  return PLACEHOLDERS[type.type.name.value];
}
