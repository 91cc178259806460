import { channels as checkoutChannels } from '../../checkout/src/store/keys.js';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TOKENS, queryTokens, tokenize } from '../src/domain/text.js';
import { channels } from '../src/store/keys.js';

describe('search text', () => {
  it('when text is tokenised, then case, accents and punctuation are dropped and words are distinct', () => {
    expect(tokenize('Crème BRÛLÉE, crème; T-Shirt!')).toEqual(['creme', 'brulee', 't', 'shirt']);
  });

  it('when a query holds only punctuation, then it has no tokens', () => {
    expect(queryTokens('!!! ... ??? -- ;')).toEqual([]);
  });

  it('when a query holds many words, then only the first few count', () => {
    expect(queryTokens(Array.from({ length: 50 }, (_, n) => `w${n}`).join(' '))).toHaveLength(MAX_QUERY_TOKENS);
  });

  it('when catalog and checkout name the stock channel, then they name the same one', () => {
    expect(channels.stockChanged('p:')).toBe(checkoutChannels.stockChanged('p:'));
  });
});
