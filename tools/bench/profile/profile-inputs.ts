import { createInternalContextSigner, createSessionKeyRing, createSessionTokenCodec, HEADER_INTERNAL_CONTEXT, newSessionId, SESSION_COOKIE_NAME, toSession } from '@shopgraph/shared';
import { signedInCustomerWithCart } from '../gateway/graphql-client.js';
import type { Workload } from '../gateway/load.js';
import type { SubgraphStack } from '../gateway/subgraph-stack.js';
import { workloadsFor } from '../gateway/workloads.js';

/** The workloads this profile drives, as `npm run bench` builds them, and how to keep them valid. */
export interface ProfileWorkloads {
  /** `Browse` without a cookie: the public read the response cache answers. */
  browseAnonymous: Workload;
  /** `Browse` with one returning visitor's cookie. */
  browseReturning: Workload;
  /** The contract's `Cart`, signed in, 10 lines: cart's fields and catalog's variant details. */
  cart: Workload;
  /** The same read without the fields catalog resolves: through the gateway, a plan of cart alone. */
  cartOnly: Workload;
  /** `cartOnly` sent to the cart subgraph itself, with a signed internal context. */
  cartAtSubgraph: Workload;
  /** Signs the cart subgraph's contexts afresh: they live 60 s, so before each run that sends them. */
  resign: () => Promise<void>;
}

/**
 * Signs up one customer per connection through `gatewayUrl`, each with a 10-line cart, mints a
 * returning visitor's token, and builds the workloads with `workloadsFor`, as throughput.ts does.
 */
export async function prepareProfileWorkloads(stack: SubgraphStack, gatewayUrl: string, connections: number, log: (message: string) => void): Promise<ProfileWorkloads> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
  const signer = await createInternalContextSigner(stack.keys.internalContextPrivateKey);
  const returningToken = await codec.encode({ sessionId: newSessionId() }, 86_400);
  log(`signing up ${connections} customers with 10-line carts`);
  const run = Date.now().toString(36);
  // Three customers at a time, as throughput.ts does: more in flight outruns the subgraphs' core.
  const cartTokens: string[] = [];
  for (let first = 0; first < connections; first += 3) {
    const batch = Array.from({ length: Math.min(3, connections - first) }, (_, offset) => first + offset);
    cartTokens.push(...(await Promise.all(batch.map((i) => signedInCustomerWithCart(gatewayUrl, `profile-${run}-${i}@bench.example`, stack.variantIds.slice(0, 10))))));
  }
  const cartSessions = await Promise.all(
    cartTokens.map(async (token) => {
      const decoded = await codec.decode(token);
      if (!decoded.ok) throw new Error('a token the gateway issued did not decode');
      return toSession(decoded.claims);
    }),
  );
  let cartContexts: string[] = [];
  const resign = async () => {
    cartContexts = await Promise.all(cartSessions.map((session) => signer.sign({ session }, 'cart')));
  };
  await resign();
  const workloads = workloadsFor({
    // ProductPage is not driven here: no product slugs needed.
    slugs: [],
    returningCookie: `${SESSION_COOKIE_NAME}=${returningToken}`,
    cartTokens,
    cartContexts: () => cartContexts,
    anonymousContext: () => '',
    internalContextHeader: HEADER_INTERNAL_CONTEXT,
  });
  const { cart } = workloads;
  return {
    browseAnonymous: workloads['browse-anonymous'].gateway,
    browseReturning: workloads['browse-returning'].gateway,
    cart: cart.gateway,
    // The gateway's bearer token and checks, with the subgraph's own document (CART_AT_CART).
    cartOnly: { ...cart.gateway, name: 'cart-only', body: cart.floor.body },
    cartAtSubgraph: cart.floor,
    resign,
  };
}
