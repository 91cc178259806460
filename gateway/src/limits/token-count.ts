import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Counts the lexical tokens of a GraphQL document the way graphql-js's parser counts them
 * for its `maxTokens` option (every token but the end of the document), stopping once the
 * count passes `stopAfter`, so a huge document costs no more to count than the limit.
 * Undefined when the text does not lex (the parser will then name the syntax error).
 */
export function countTokens(source: string, stopAfter: number): number | undefined {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count <= stopAfter && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    return undefined;
  }
  return count;
}
