import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The normal form the trusted-documents manifest hashes: the operation followed by every
 * fragment it uses (transitively), fragments sorted by name; its text is graphql-js `print` of it.
 * Formatting, comments and unused fragments do not change it. The manifest's builder
 * (`npm run operations:manifest`) and the gateway's check share this one definition.
 */
export function normalDocument(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): DocumentNode {
  const used = [...fragmentsUsedBy(operation, fragments)].sort().flatMap((name) => fragments.get(name) ?? []);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...used] };
}

/** The fragments of a document by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
}

/** Names of the fragments a definition spreads, directly or through other fragments. */
function fragmentsUsedBy(root: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Set<string> {
  const used = new Set<string>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    visit(next, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (used.has(name) || fragment === undefined) return;
        used.add(name);
        pending.push(fragment);
      },
    });
  }
  return used;
}
