import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, type DocumentNode } from 'graphql';

/** One subgraph's SDL as read from its schema.graphql. */
export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

/** A composition error or hint, with the subgraphs and the type it is about when known. */
export interface CompositionIssue {
  readonly code: string;
  readonly message: string;
  readonly subgraphs: readonly string[];
  /** The type (or `Type.field`) the message is about, when it names one. */
  readonly coordinate?: string;
}

export type ComposedSubgraphs =
  | { readonly ok: true; readonly supergraphSdl: string; readonly hints: readonly CompositionIssue[] }
  | { readonly ok: false; readonly errors: readonly CompositionIssue[]; readonly hints: readonly CompositionIssue[] };

export const SUPERGRAPH_HEADER = '# Composed from subgraphs/*/schema.graphql by `npm run compose`. Do not edit by hand.\n';

/**
 * Composes SDL strings in-process with @apollo/composition: no files, no downloaded binaries,
 * so the schema check and its fixtures use the very code `npm run compose` uses.
 */
export function composeSubgraphSdl(subgraphs: readonly SubgraphSource[]): ComposedSubgraphs {
  const parsed: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const parseErrors: CompositionIssue[] = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      parsed.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      parseErrors.push({ code: 'INVALID_GRAPHQL', message: `[${name}] ${(error as Error).message}`, subgraphs: [name] });
    }
  }
  if (parseErrors.length > 0) return { ok: false, errors: parseErrors, hints: [] };

  const result = composeServices(parsed);
  const hints = (result.hints ?? []).map((hint) =>
    issue(hint.definition.code, hint.message, (hint.nodes ?? []).map((node) => node.subgraph), hint.coordinate),
  );
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => issueOfError(error)), hints };
  }
  return { ok: true, supergraphSdl: `${SUPERGRAPH_HEADER}${result.supergraphSdl}\n`, hints };
}

function issueOfError(error: GraphQLError): CompositionIssue {
  const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'COMPOSITION_ERROR';
  // Apollo attaches the subgraph to the AST nodes of most errors, but not all of them (e.g.
  // INVALID_FIELD_SHARING): the message always names them, so both sources are read.
  const fromNodes = (error.nodes ?? []).map((node) => (node as { subgraph?: string }).subgraph);
  return issue(code, error.message, fromNodes);
}

function issue(code: string, message: string, fromNodes: readonly (string | undefined)[], coordinate?: string): CompositionIssue {
  const subgraphs = new Set(fromNodes.filter((name): name is string => typeof name === 'string'));
  for (const match of message.matchAll(/subgraphs? ((?:"[^"]+"(?:, | and )?)+)/g)) {
    for (const quoted of (match[1] ?? '').matchAll(/"([^"]+)"/g)) if (quoted[1]) subgraphs.add(quoted[1]);
  }
  const named = coordinate ?? /"([A-Z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)"/.exec(message)?.[1];
  return { code, message, subgraphs: [...subgraphs].sort(), ...(named === undefined ? {} : { coordinate: named }) };
}
