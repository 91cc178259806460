import type { Session } from '@shopgraph/shared';
import { requireSession, type SubgraphContext } from '@shopgraph/shared/server';
import type { GuestHandOver } from './domain/guest-hand-over.js';
import type { CatalogClient } from './peers/catalog-client.js';
import type { StockClient } from './peers/stock-client.js';
import type { CartRepository } from './store/cart-repository.js';

export interface CartContext extends SubgraphContext {
  carts: CartRepository;
  catalog: CatalogClient;
  stock: StockClient;
  handOver: GuestHandOver;
}

/**
 * The request's session, for work on its cart: a guest hand-over still pending since sign-in
 * is completed first, so the shopper never sees the cart without the lines they signed in with.
 */
export async function requireCartSession(context: CartContext): Promise<Session> {
  const session = requireSession(context);
  await context.handOver.completePending(context, session);
  return session;
}
