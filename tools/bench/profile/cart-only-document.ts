import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { CART_AT_CART } from '../gateway/workloads.js';

/**
 * Checks that the cart-only read asks for nothing the cart subgraph does not define, so the
 * gateway plans it as one fetch to cart: the contract's `Cart` differs from it only by the
 * variant's `sku`, `title` and `product`, which catalog resolves. Without this check, a field
 * added to CART_AT_CART that catalog owns would make the "cart alone" figure silently include
 * a catalog fetch. (The cart subgraph is rebuilt from its SDL so that it belongs to this
 * graphql module, as tools/schema-check/api-schema.ts does.)
 */
export function assertCartOnlyDocument(): void {
  const supergraph = Supergraph.build(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'));
  const cart = supergraph.subgraphs().get('cart');
  if (!cart) throw new Error('the supergraph has no cart subgraph');
  const errors = validate(buildSchema(printSchema(cart.schema)), parse(CART_AT_CART));
  if (errors.length > 0) throw new Error(`the cart-only document asks for fields cart does not resolve: ${errors.map((error) => error.message).join('; ')}`);
}
