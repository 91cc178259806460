import { normalDocument } from '@shopgraph/gateway';
import { Kind, parse, print, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import type { Finding } from './findings.js';

/** A client operations file: its path (as reported) and its text. */
export interface OperationFile {
  readonly path: string;
  readonly source: string;
}

/** One named operation with the fragments it uses, ready to validate, hash and persist. */
export interface ClientOperation {
  readonly name: string;
  readonly type: OperationDefinitionNode['operation'];
  readonly file: string;
  /** The operation and every fragment it uses (transitively), fragments sorted by name. */
  readonly document: DocumentNode;
  /** The normalised text: graphql-js `print` of `document`; what the manifest hashes. */
  readonly body: string;
}

export interface CollectedOperations {
  readonly operations: readonly ClientOperation[];
  /** Files that do not parse, anonymous operations, duplicate names. */
  readonly findings: readonly Finding[];
}

/**
 * Splits the files into named operations. Fragments are shared across files, as a client's
 * build would share them; names must be unique across the folder because the persisted
 * manifest and the report identify an operation by its name.
 */
export function collectOperations(files: readonly OperationFile[]): CollectedOperations {
  const findings: Finding[] = [];
  const fail = (message: string): void => void findings.push({ check: 'operations', severity: 'error', code: 'INVALID_OPERATIONS_FILE', message });
  const fragments = new Map<string, FragmentDefinitionNode>();
  const found: { node: OperationDefinitionNode; file: string }[] = [];
  const names = new Map<string, string>();

  for (const file of files) {
    let document: DocumentNode;
    try {
      document = parse(file.source);
    } catch (error) {
      fail(`${file.path}: ${(error as Error).message}`);
      continue;
    }
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) fail(`${file.path}: fragment ${definition.name.value} is defined twice`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        const name = definition.name?.value;
        if (name === undefined) fail(`${file.path}: an anonymous ${definition.operation}; client operations need a name`);
        else if (names.has(name)) fail(`${file.path}: operation ${name} is also defined in ${names.get(name)}`);
        else {
          names.set(name, file.path);
          found.push({ node: definition, file: file.path });
        }
      } else {
        fail(`${file.path}: only operations and fragments belong here, found a ${definition.kind}`);
      }
    }
  }

  const operations = found.map(({ node, file }): ClientOperation => {
    const document = normalDocument(node, fragments);
    return { name: node.name?.value ?? '', type: node.operation, file, document, body: print(document) };
  });
  return { operations: operations.sort((a, b) => a.name.localeCompare(b.name)), findings };
}
