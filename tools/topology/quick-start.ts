import { createShopperClient, type ShopperClient } from './shopper-client.js';

/**
 * The README's quick-start operations, as its curl commands send them (a cookie jar, JSON
 * POSTs), checked for the answers the README promises. Throws on the first wrong answer.
 * With `placeOrder`, the same shopper then orders the cart with the test provider's success
 * token: checkout reads and closes the cart at cart's internal routes, signed with its own
 * key, and asks catalog for prices, so the order comes back PAID only when those calls work.
 */
export async function runQuickStart(url: string, { placeOrder = false } = {}): Promise<{ cartId: string; totalQuantity: number; orderStatus?: string }> {
  const shopper = createShopperClient(url);
  await browseProducts(shopper);
  // A catalog page is a public read: it runs without a session and sets no cookie.
  if (shopper.cookieCount() !== 0) throw new Error('a public catalog read set a session cookie; it should run without one');
  await addTwo(shopper);
  if (shopper.cookieCount() === 0) throw new Error('the first session-bound request (addToCart) set no session cookie');
  const cart = await readCart(shopper, 2);
  if (!placeOrder) return { cartId: cart.id, totalQuantity: cart.totalQuantity };
  const order = await placeTestOrder(shopper, 'smoke@example.com', 2);
  return { cartId: cart.id, totalQuantity: cart.totalQuantity, orderStatus: order.status };
}

/** The variant the quick start adds; the demo seed always holds it. */
export const QUICK_START_VARIANT = 'var_00003_1';

/** The first catalog page, as a shopper browses it. */
export async function browseProducts(shopper: ShopperClient): Promise<void> {
  const products = await shopper.post<{ products: { totalCount: number; edges: unknown[] } }>(
    '{ products(first: 3) { totalCount edges { node { slug title priceRange { min { amount currencyCode } } } } } }',
  );
  if (products.products.edges.length !== 3 || products.products.totalCount < 3) throw new Error(`products: ${JSON.stringify(products)}`);
}

/** Two of the quick-start variant into the shopper's cart, which must then hold `expectedTotal` (2 when it was empty). */
export async function addTwo(shopper: ShopperClient, expectedTotal = 2): Promise<void> {
  const added = await shopper.post<{ addToCart: { cart: { totalQuantity: number } | null; errors: unknown[] } }>(
    `mutation { addToCart(variantId: "${QUICK_START_VARIANT}", quantity: 2) { cart { totalQuantity subtotal { amount currencyCode } } errors { code message } } }`,
  );
  if (added.addToCart.errors.length || added.addToCart.cart?.totalQuantity !== expectedTotal) throw new Error(`addToCart: ${JSON.stringify(added)}`);
}

/** The shopper's cart, which must hold `totalQuantity` of the quick-start variant in one line. */
export async function readCart(shopper: ShopperClient, totalQuantity: number): Promise<{ id: string; totalQuantity: number }> {
  const cart = await shopper.post<{ cart: { id: string; totalQuantity: number; lines: { quantity: number; variant: { sku: string } }[] } }>(
    '{ cart { id version totalQuantity lines { quantity variant { sku product { title } } } } }',
  );
  if (cart.cart.totalQuantity !== totalQuantity || cart.cart.lines[0]?.quantity !== totalQuantity || !cart.cart.lines[0].variant.sku) throw new Error(`cart: ${JSON.stringify(cart)}`);
  return cart.cart;
}

/** Orders the shopper's cart with the test provider's success token; the order must come back PAID with `quantity` in its line. */
export async function placeTestOrder(shopper: ShopperClient, email: string, quantity: number): Promise<{ id: string; status: string }> {
  const input =
    `{ email: "${email}", shippingMethodId: "standard", payment: { token: "tok_test_success" }, ` +
    'shippingAddress: { name: "Smoke Test", line1: "1 Main St", city: "Springfield", postalCode: "12345", countryCode: "US" } }';
  const idempotencyKey = `smoke-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const placed = await shopper.post<{ placeOrder: { order: { id: string; status: string; lines: { quantity: number }[] } | null; errors: unknown[] } }>(
    `mutation { placeOrder(input: ${input}, idempotencyKey: "${idempotencyKey}") { order { id status lines { quantity } } errors { code message } } }`,
  );
  const order = placed.placeOrder.order;
  if (placed.placeOrder.errors.length || order?.status !== 'PAID' || order.lines[0]?.quantity !== quantity) throw new Error(`placeOrder: ${JSON.stringify(placed)}`);
  return order;
}
