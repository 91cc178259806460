import { readFileSync } from 'node:fs';
import { buildASTSchema, getOperationAST, Kind, parse, visit, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { hostileDocuments, fragmentFanOut } from '../../test/support/hostile-documents.js';
import { readCachePolicy } from '../src/cache-policy/static-cache-policy.js';
import { measureOperation } from '../src/limits/measure-operation.js';
import type { WalkMeter } from '../src/walk-meter.js';

const supergraph = readFileSync(new URL('../../supergraph.graphql', import.meta.url), 'utf8');
const schema = buildASTSchema(parse(supergraph), { assumeValidSDL: true });

/** Selections written in the document: what a linear walk is measured against. */
function selectionsIn(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Field: () => void count++,
    InlineFragment: () => void count++,
    FragmentSpread: () => void count++,
  });
  return count;
}

function walks(document: DocumentNode) {
  const policy: WalkMeter = { selections: 0 };
  const limits: WalkMeter = { selections: 0 };
  readCachePolicy(schema, document, undefined, policy);
  measureOperation(schema, document, getOperationAST(document)!, {}, { defaultListSize: 10, meter: limits });
  return { policy: policy.selections, limits: limits.selections };
}

describe('every walk over a client document before it runs', () => {
  it.each(hostileDocuments().map((hostile) => [hostile.name, hostile.query] as const))(
    'when %s at the token limit is walked, then the cache policy and the limits each visit at most twice its selections',
    (_name, query) => {
      const document = parse(query);
      expect(document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)).toBe(true);
      const written = selectionsIn(document);
      const visited = walks(document);
      // Each fragment once per distinct context it is spread in (an inherited max age, a page
      // size): here one or two; the limits also count the root fields once more.
      expect(visited.policy).toBeLessThanOrEqual(2 * written);
      expect(visited.limits).toBeLessThanOrEqual(2 * written);
    },
  );

  it('when a fragment chain doubles at every level, then the walks grow with its length, not with its 2^n paths', () => {
    const short = walks(parse(fragmentFanOut(20)));
    const long = walks(parse(fragmentFanOut(40)));
    // 20 more levels are 2^20 times the paths, and only about twice the visits.
    expect(long.policy).toBeLessThanOrEqual(2 * short.policy + 4);
    expect(long.limits).toBeLessThanOrEqual(2 * short.limits + 4);
    // Control: the chain is walked at all, each level at least once.
    expect(long.policy).toBeGreaterThanOrEqual(40);
  });

  it('when the chain is all public reads, then its policy is still read right: the smallest max age, reused across spreads', () => {
    const fanOut = `{ ...F0 } fragment F0 on Query { ...F1 ...F1 categories { id } } fragment F1 on Query { ...F2 ...F2 products(first: 1) { totalCount } } fragment F2 on Query { categories { slug } }`;
    expect(readCachePolicy(schema, parse(fanOut), undefined)).toEqual({ maxAgeSeconds: 30 });
    // Control: one private field anywhere in the chain makes the whole of it private.
    expect(readCachePolicy(schema, parse(fanOut.replace('categories { slug }', 'cart { id }')), undefined)).toBeUndefined();
  });
});
