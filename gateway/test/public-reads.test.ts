import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createStaticCachePolicy } from '../src/cache-policy/static-cache-policy.js';
import { ExpiringCache } from '@shopgraph/shared/server';

const supergraph = readFileSync(new URL('../../supergraph.graphql', import.meta.url), 'utf8');
const operations = parse(readFileSync(new URL('../../clients/operations/operations.graphql', import.meta.url), 'utf8'));

describe('the static cache policy', () => {
  const policyOf = createStaticCachePolicy(supergraph);
  const policy = (query: string, name?: string) => policyOf(parse(query), name);

  it('when every field of a query is publicly cacheable, then the policy is the smallest max age', () => {
    expect(policyOf(operations, 'Browse')).toEqual({ maxAgeSeconds: 30 });
    expect(policyOf(operations, 'Categories')).toEqual({ maxAgeSeconds: 300 });
    // Checkout's stock fields on catalog's variants hold a 5-second hint.
    expect(policyOf(operations, 'ProductPage')).toEqual({ maxAgeSeconds: 5 });
    expect(policy('{ product(id: "p") { ... on Product { id variants { id inStock } } } }')).toEqual({ maxAgeSeconds: 5 });
  });

  it('when a query reaches a field without a hint, or is a mutation, then it is not a public read', () => {
    for (const name of ['Cart', 'Viewer', 'Orders', 'ShippingMethods', 'AddToCart', 'SignIn', 'StartSession', 'SetVariantPrice']) {
      expect(policyOf(operations, name), name).toBeUndefined();
    }
    expect(policy('{ products(first: 1) { totalCount } cart { id } }')).toBeUndefined();
    expect(policy('{ __schema { queryType { name } } }')).toBeUndefined();
    // Control: the same public field alone is one.
    expect(policy('{ products(first: 1) { totalCount } }')).toEqual({ maxAgeSeconds: 30 });
  });

  it('when fragments nest or repeat, then each is followed once, and an unknown one refuses', () => {
    expect(policy('query Q { categories { ...C } } fragment C on Category { slug children { ...C } }', 'Q')).toEqual({ maxAgeSeconds: 300 });
    expect(policy('query Q { categories { ...Missing } }', 'Q')).toBeUndefined();
  });
});

describe('the gateway’s one cache, bounded by entries and bytes', () => {
  it('when it holds more entries or bytes than allowed, then the least recently used go first', () => {
    const cache = new ExpiringCache<string>({ maxEntries: 2, maxBytes: 100 });
    cache.set('a', 'A', Infinity, 10);
    cache.set('b', 'B', Infinity, 10);
    cache.get('a');
    cache.set('c', 'C', Infinity, 10);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);

    const small = new ExpiringCache<string>({ maxEntries: 10, maxBytes: 25 });
    small.set('a', 'A', Infinity, 10);
    small.set('b', 'B', Infinity, 10);
    small.set('c', 'C', Infinity, 10);
    expect([small.size, small.totalBytes, small.get('a')]).toEqual([2, 20, undefined]);
    // An entry larger than the whole cache is not kept, and evicts nothing.
    small.set('huge', 'H', Infinity, 26);
    expect([small.get('huge'), small.size]).toEqual([undefined, 2]);
  });

  it('when an entry reaches its expiry, then it is gone; with no entries allowed, nothing is kept', () => {
    const cache = new ExpiringCache<string>({ maxEntries: 10, maxBytes: 100 });
    cache.set('a', 'A', 2_000, 1, 1_000);
    expect(cache.get('a', 1_999)).toBe('A');
    expect(cache.get('a', 2_000)).toBeUndefined();
    expect(cache.totalBytes).toBe(0);
    const off = new ExpiringCache<string>({ maxEntries: 0, maxBytes: 100 });
    off.set('a', 'A', Infinity, 1);
    expect(off.size).toBe(0);
  });
});
