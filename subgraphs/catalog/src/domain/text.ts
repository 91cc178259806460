/**
 * Text normalisation shared by indexing and querying, so a query matches what was indexed:
 * NFKD then combining marks removed (accent-insensitive), lower-cased (case-insensitive),
 * split on anything that is not a letter or a digit.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A query longer than this is refused before any work is done on it. */
export const MAX_QUERY_LENGTH = 200;
/** Tokens past this many are ignored: they would only narrow an already narrow result. */
export const MAX_QUERY_TOKENS = 8;
/** Longer tokens are cut: no indexed word is this long, and prefix matching still applies. */
const MAX_TOKEN_LENGTH = 40;

/** Distinct tokens of a text, in order of first appearance. */
export function tokenize(text: string): string[] {
  const tokens = normalizeText(text).split(/[^\p{L}\p{N}]+/u);
  return [...new Set(tokens.filter((token) => token.length > 0).map((token) => token.slice(0, MAX_TOKEN_LENGTH)))];
}

/** The tokens of a search query: at most MAX_QUERY_TOKENS; empty when it holds only punctuation. */
export function queryTokens(query: string): string[] {
  return tokenize(query).slice(0, MAX_QUERY_TOKENS);
}
