/**
 * The README's quick-start operations, as its curl commands send them (a cookie jar, JSON
 * POSTs), checked for the answers the README promises. Throws on the first wrong answer.
 * With `placeOrder`, the same shopper then orders the cart with the test provider's success
 * token: checkout reads and closes the cart at cart's internal routes, signed with its own
 * key, and asks catalog for prices, so the order comes back PAID only when those calls work.
 */
export async function runQuickStart(url: string, { placeOrder = false } = {}): Promise<{ cartId: string; totalQuantity: number; orderStatus?: string }> {
  const jar = new Map<string, string>();
  const post = async (query: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(jar.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}) },
      body: JSON.stringify({ query }),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (response.status !== 200 || body.errors) throw new Error(`${query.slice(0, 40)}… answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    return body.data!;
  };

  const products = (await post('{ products(first: 3) { totalCount edges { node { slug title priceRange { min { amount currencyCode } } } } } }')) as {
    products: { totalCount: number; edges: unknown[] };
  };
  if (products.products.edges.length !== 3 || products.products.totalCount < 3) throw new Error(`products: ${JSON.stringify(products)}`);
  // A catalog page is a public read: it runs without a session and sets no cookie.
  if (jar.size !== 0) throw new Error('a public catalog read set a session cookie; it should run without one');

  const added = (await post('mutation { addToCart(variantId: "var_00003_1", quantity: 2) { cart { totalQuantity subtotal { amount currencyCode } } errors { code message } } }')) as {
    addToCart: { cart: { totalQuantity: number } | null; errors: unknown[] };
  };
  if (added.addToCart.errors.length || added.addToCart.cart?.totalQuantity !== 2) throw new Error(`addToCart: ${JSON.stringify(added)}`);
  if (jar.size === 0) throw new Error('the first session-bound request (addToCart) set no session cookie');

  const cart = (await post('{ cart { id version totalQuantity lines { quantity variant { sku product { title } } } } }')) as {
    cart: { id: string; totalQuantity: number; lines: { quantity: number; variant: { sku: string } }[] };
  };
  if (cart.cart.totalQuantity !== 2 || cart.cart.lines[0]?.quantity !== 2 || !cart.cart.lines[0].variant.sku) throw new Error(`cart: ${JSON.stringify(cart)}`);
  if (!placeOrder) return { cartId: cart.cart.id, totalQuantity: cart.cart.totalQuantity };

  const input =
    '{ email: "smoke@example.com", shippingMethodId: "standard", payment: { token: "tok_test_success" }, ' +
    'shippingAddress: { name: "Smoke Test", line1: "1 Main St", city: "Springfield", postalCode: "12345", countryCode: "US" } }';
  const idempotencyKey = `smoke-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const placed = (await post(`mutation { placeOrder(input: ${input}, idempotencyKey: "${idempotencyKey}") { order { status lines { quantity } } errors { code message } } }`)) as {
    placeOrder: { order: { status: string; lines: { quantity: number }[] } | null; errors: unknown[] };
  };
  const order = placed.placeOrder.order;
  if (placed.placeOrder.errors.length || order?.status !== 'PAID' || order.lines[0]?.quantity !== 2) throw new Error(`placeOrder: ${JSON.stringify(placed)}`);
  return { cartId: cart.cart.id, totalQuantity: cart.cart.totalQuantity, orderStatus: order.status };
}
