import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation, type OperationMeasures } from '../src/limits/measure-operation.js';
import { countTokens } from '../src/limits/token-count.js';

const schema = buildSchema(`
  type Query { products(first: Int, last: Int): ProductConnection!  product: Product  tags: [String!]! }
  type ProductConnection { totalCount: Int!  edges: [ProductEdge!]!  nodes: [Product!]! }
  type ProductEdge { node: Product! }
  type Product { id: ID!  title: String!  variants: [Variant!]! }
  type Variant { id: ID!  product: Product! }
`);

function measure(query: string, variables: Record<string, unknown> = {}, unsetSlicingSize?: number): OperationMeasures {
  const document = parse(query);
  return measureOperation(schema, document, getOperationAST(document)!, variables, {
    defaultListSize: 10,
    ...(unsetSlicingSize === undefined ? {} : { unsetSlicingSize }),
  });
}

describe('measuring an operation', () => {
  it('when a connection is sliced by first, then the lists directly inside it multiply by that size, not the connection itself', () => {
    // products 1 + totalCount 1 + edges 100 × (1 + node (1 + title 1))
    expect(measure('{ products(first: 100) { totalCount edges { node { title } } } }').cost).toBe(1 + 1 + 100 * 3);
  });

  it('when first comes from a variable, then the value sent counts, else the default value, else the default list size', () => {
    const query = 'query Q($n: Int) { products(first: $n) { nodes { id } } }';
    expect(measure(query, { n: 50 }).cost).toBe(1 + 50 * 2);
    expect(measure('query Q($n: Int = 3) { products(first: $n) { nodes { id } } }').cost).toBe(1 + 3 * 2);
    expect(measure(query).cost).toBe(1 + 10 * 2);
    expect(measure(query, {}, 100).cost).toBe(1 + 100 * 2);
  });

  it('when a list has no slicing argument, then it counts at the default list size, scalar lists included', () => {
    expect(measure('{ product { variants { id } } }').cost).toBe(1 + 10 * 2);
    expect(measure('{ tags }').cost).toBe(10);
  });

  it('when lists nest through a cycle, then the cost multiplies at every level', () => {
    const twoLevels = measure('{ product { variants { product { variants { id } } } } }');
    const oneLevel = measure('{ product { variants { id } } }');
    expect(twoLevels.cost).toBeGreaterThan(oneLevel.cost * 9);
  });

  it('when fields nest, then depth counts the fields on the longest path, leaf included, and fragments add no level', () => {
    expect(measure('{ product { id } }').depth).toBe(2);
    expect(measure('{ product { ...P } } fragment P on Product { variants { id } }').depth).toBe(3);
    expect(measure('{ product { ... on Product { variants { id } } } }').depth).toBe(3);
  });

  it("when a connection's edges hold its nodes, then edges add no level: edges { node } is as deep as nodes", () => {
    expect(measure('{ products(first: 1) { edges { node { title } } } }').depth).toBe(3);
    expect(measure('{ products(first: 1) { nodes { title } } }').depth).toBe(3);
    // Control: a field named edges elsewhere is no connection's, and counts as any field.
    const graph = buildSchema('type Query { graph: Graph }  type Graph { edges: [Edge!]! }  type Edge { to: String }');
    const document = parse('{ graph { edges { to } } }');
    expect(measureOperation(graph, document, getOperationAST(document)!, {}, { defaultListSize: 10 }).depth).toBe(3);
  });

  it('when fields are aliased, then every alias counts, __typename and aliases inside fragments included', () => {
    const measures = measure('{ a: __typename b: __typename product { ...P ...P } } fragment P on Product { c: id }');
    expect(measures.aliases).toBe(4);
  });

  it('when directives are used, then every use counts: on fields, spreads, fragments, the operation and variables', () => {
    const measures = measure(`
      query Q($skip: Boolean = false @deprecated) @deprecated {
        product @skip(if: $skip) { ...P @include(if: true) id @include(if: true) }
      }
      fragment P on Product @deprecated { title @skip(if: false) }
    `);
    expect(measures.directives).toBe(7);
  });

  it('when the root selects fields directly and through fragments, then each response key counts once', () => {
    expect(measure('{ product { id } tags ...R } fragment R on Query { products { totalCount } }').rootFields).toBe(3);
    expect(measure('{ tags tags ... on Query { tags } t: tags }').rootFields).toBe(2);
  });

  it('when the operation introspects, then the introspection fields count for nothing', () => {
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual({
      depth: 0,
      aliases: 0,
      rootFields: 1,
      directives: 0,
      cost: 0,
    });
  });

  it('when fragments fan out exponentially, then measuring stays quick and the cost reflects the fan-out', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Query { tags }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const measures = measure(`{ ...F0 } ${fragments.join(' ')}`);
    // 2^29 spreads of a 10-cost field: far over any limit, measured without expanding them.
    expect(measures.cost).toBe(2 ** (levels - 1) * 10);
  });
});

describe('counting tokens', () => {
  it('when a document is counted, then every token but the end counts and comments do not', () => {
    expect(countTokens('{ a b } # a comment', 100)).toBe(4);
    expect(countTokens('query Q($x: Int) { a(x: $x) }', 100)).toBe(17);
  });

  it('when the document is longer than the limit, then counting stops just past it', () => {
    expect(countTokens(`{ ${'a '.repeat(10_000)}}`, 1000)).toBe(1001);
  });

  it('when the text does not lex, then there is no count and the parser names the error', () => {
    expect(countTokens('{ a "unterminated', 100)).toBeUndefined();
  });
});
