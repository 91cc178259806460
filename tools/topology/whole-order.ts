import { randomBytes } from 'node:crypto';
import { addTwo, browseProducts, placeTestOrder, readCart } from './quick-start.js';
import { createShopperClient, type ShopperClient } from './shopper-client.js';

const PASSWORD = 'containers password 123';

/**
 * A whole order through `url`, on two devices: a browser browses, adds as a guest and signs
 * up (the guest cart becomes the customer's); a phone signs in with a bearer token and sees
 * the same cart; the browser orders with the test provider; both read the order.
 */
export async function runWholeOrder(url: string): Promise<{ orderId: string; status: string; email: string }> {
  const email = `containers-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.com`;
  const web = createShopperClient(url);
  await browseProducts(web);
  await addTwo(web);
  const signUp = await web.post<{ signUp: { customer: { id: string } | null; errors: unknown[] } }>(
    'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { customer { id } errors { code message } } }',
    { input: { email, password: PASSWORD, name: 'Container Shopper' } },
  );
  if (signUp.signUp.errors.length || !signUp.signUp.customer) throw new Error(`signUp: ${JSON.stringify(signUp)}`);
  await readCart(web, 2);

  const signIn = await createShopperClient(url).post<{ signIn: { sessionToken: string | null; errors: unknown[] } }>(
    'mutation SignIn($input: SignInInput!) { signIn(input: $input) { sessionToken errors { code message } } }',
    { input: { email, password: PASSWORD, transport: 'BEARER' } },
  );
  if (!signIn.signIn.sessionToken) throw new Error(`signIn (bearer): ${JSON.stringify(signIn)}`);
  const phone = createShopperClient(url, { bearer: signIn.signIn.sessionToken });
  await readCart(phone, 2);

  const order = await placeTestOrder(web, email, 2);
  for (const [device, shopper] of [
    ['web', web],
    ['phone', phone],
  ] as const) {
    await readOrder(device, shopper, order.id);
  }
  return { orderId: order.id, status: order.status, email };
}

async function readOrder(device: string, shopper: ShopperClient, id: string): Promise<void> {
  const read = await shopper.post<{ order: { id: string; status: string } | null; orders: { edges: { node: { id: string } }[] } }>(
    'query ReadOrder($id: ID!) { order(id: $id) { id status } orders(first: 5) { edges { node { id } } } }',
    { id },
  );
  if (read.order?.status !== 'PAID') throw new Error(`the ${device} reads order ${id} as ${JSON.stringify(read.order)}`);
  if (!read.orders.edges.some((edge) => edge.node.id === id)) throw new Error(`the ${device}'s orders do not list ${id}`);
}
