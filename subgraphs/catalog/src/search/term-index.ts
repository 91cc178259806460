import { tokenize } from '../domain/text.js';

/** Which fields a product's words come from, and how much a match in each counts. */
export const FIELD_WEIGHTS = { title: 3, category: 2, description: 1 } as const;
/** An exact word match outranks a match on a longer word that merely starts with the token. */
const PREFIX_MATCH_FACTOR = 0.6;

export interface SearchableText {
  title: string;
  description: string;
  categoryNames: string[];
}

/**
 * An inverted index, word -> (product id -> best field weight), with a sorted vocabulary for
 * prefix matching: "sho" finds every word from "sho" up to the first word not starting with it,
 * by binary search, so a lookup costs O(log V + matches), never a scan of the catalog.
 */
export interface TermIndex {
  put(id: string, text: SearchableText): void;
  remove(id: string): void;
  /** Ids matching every token (as a word prefix), with a relevance score; higher is better. */
  search(tokens: readonly string[]): Map<string, number>;
}

export function createTermIndex(): TermIndex {
  const postings = new Map<string, Map<string, number>>();
  const termsById = new Map<string, string[]>();
  let vocabulary: string[] | undefined;

  function termsOf(text: SearchableText): Map<string, number> {
    const weights = new Map<string, number>();
    const add = (value: string, weight: number) => {
      for (const term of tokenize(value)) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    };
    add(text.title, FIELD_WEIGHTS.title);
    add(text.description, FIELD_WEIGHTS.description);
    for (const name of text.categoryNames) add(name, FIELD_WEIGHTS.category);
    return weights;
  }

  function remove(id: string): void {
    for (const term of termsById.get(id) ?? []) {
      const posting = postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) {
        postings.delete(term);
        vocabulary = undefined;
      }
    }
    termsById.delete(id);
  }

  function matchingTerms(token: string): string[] {
    vocabulary ??= [...postings.keys()].sort();
    const terms = vocabulary;
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((terms[middle] as string) < token) low = middle + 1;
      else high = middle;
    }
    const matches: string[] = [];
    for (let index = low; index < terms.length && (terms[index] as string).startsWith(token); index++) matches.push(terms[index] as string);
    return matches;
  }

  return {
    put(id, text) {
      remove(id);
      const weights = termsOf(text);
      for (const [term, weight] of weights) {
        let posting = postings.get(term);
        if (!posting) {
          posting = new Map();
          postings.set(term, posting);
          vocabulary = undefined;
        }
        posting.set(id, weight);
      }
      termsById.set(id, [...weights.keys()]);
    },

    remove,

    search(tokens) {
      let scores: Map<string, number> | undefined;
      const documents = Math.max(termsById.size, 1);
      for (const token of tokens) {
        // The best match of this token per product: its weight, scaled by the word's rarity.
        const best = new Map<string, number>();
        for (const term of matchingTerms(token)) {
          const posting = postings.get(term) as Map<string, number>;
          const rarity = Math.log(1 + documents / posting.size);
          const exactness = term === token ? 1 : PREFIX_MATCH_FACTOR;
          for (const [id, weight] of posting) {
            if (scores && !scores.has(id)) continue;
            const score = weight * rarity * exactness;
            if (score > (best.get(id) ?? 0)) best.set(id, score);
          }
        }
        // Every token must match (AND), so the candidates only shrink from token to token.
        const next = new Map<string, number>();
        for (const [id, score] of best) next.set(id, (scores?.get(id) ?? 0) + score);
        scores = next;
        if (scores.size === 0) break;
      }
      return scores ?? new Map();
    },
  };
}
