import { countTokens } from '@shopgraph/gateway';

export interface HostileDocument {
  name: string;
  query: string;
}

/** The most tokens a document may have: the gateway's default limit. */
const TOKEN_LIMIT = 1000;

/** The largest `size` whose document still fits within the token limit. */
function largestWithin(build: (size: number) => string): string {
  let size = 1;
  while ((countTokens(build(size + 1), TOKEN_LIMIT) ?? Infinity) <= TOKEN_LIMIT) size++;
  return build(size);
}

const times = (count: number, text: (i: number) => string, separator = ' ') => Array.from({ length: count }, (_, i) => text(i)).join(separator);

/** A chain of fragments, each spreading the next twice: 2^n paths through n fragments. */
export function fragmentFanOut(levels: number, typeName = 'Query'): string {
  const fragment = (i: number) => (i === levels - 1 ? `fragment F${i} on ${typeName} { __typename }` : `fragment F${i} on ${typeName} { ...F${i + 1} ...F${i + 1} }`);
  return `{ ...F0 } ${times(levels, fragment)}`;
}

/** The same doubling through inline fragments: no named fragment to remember. */
function inlineFanOut(levels: number): string {
  let inner = '__typename';
  for (let i = 0; i < levels; i++) inner = `... on Query { ${inner} } ... on Query { ${inner} }`;
  return `{ ${inner} }`;
}

/**
 * Documents built to make a walk over them expensive, each as large as the token limit lets
 * it be: what a hostile client can send to any replica with one small request.
 */
export function hostileDocuments(): HostileDocument[] {
  return [
    { name: 'fragment fan-out', query: largestWithin(fragmentFanOut) },
    { name: 'fragment fan-out on Product', query: `{ product(slug: "a") { ...F0 } } ${largestWithin((n) => fragmentFanOut(n, 'Product')).slice('{ ...F0 } '.length)}` },
    // Doubling the text each level, so it stays small: 2^levels inline fragments at most.
    { name: 'inline-fragment fan-out', query: largestWithin(inlineFanOut) },
    { name: 'deep nesting', query: largestWithin((n) => `{ product(slug: "a") { ${times(n, () => 'variants { product {')} id ${times(n, () => '} }')} } }`) },
    { name: 'deep inline fragments', query: largestWithin((n) => `{ ${times(n, () => '... on Query {')} __typename ${times(n, () => '}')} }`) },
    { name: 'wide selection', query: largestWithin((n) => `{ ${times(n, () => '__typename')} }`) },
    { name: 'wide selection of one product', query: largestWithin((n) => `{ product(slug: "a") { ${times(n, () => 'id title')} } }`) },
    { name: 'long alias list', query: largestWithin((n) => `{ product(slug: "a") { ${times(n, (i) => `a${i}: id`)} } }`) },
    { name: 'many fragments spread at once', query: largestWithin((n) => `{ ${times(n, (i) => `...G${i}`)} } ${times(n, (i) => `fragment G${i} on Query { __typename }`)}`) },
  ];
}
