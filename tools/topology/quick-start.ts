/**
 * The README's quick-start operations, as its curl commands send them (a cookie jar, JSON
 * POSTs), checked for the answers the README promises. Throws on the first wrong answer.
 */
export async function runQuickStart(url: string): Promise<{ cartId: string; totalQuantity: number }> {
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
  if (jar.size === 0) throw new Error('the first request set no session cookie');

  const added = (await post('mutation { addToCart(variantId: "var_00003_1", quantity: 2) { cart { totalQuantity subtotal { amount currencyCode } } errors { code message } } }')) as {
    addToCart: { cart: { totalQuantity: number } | null; errors: unknown[] };
  };
  if (added.addToCart.errors.length || added.addToCart.cart?.totalQuantity !== 2) throw new Error(`addToCart: ${JSON.stringify(added)}`);

  const cart = (await post('{ cart { id version totalQuantity lines { quantity variant { sku product { title } } } } }')) as {
    cart: { id: string; totalQuantity: number; lines: { quantity: number; variant: { sku: string } }[] };
  };
  if (cart.cart.totalQuantity !== 2 || cart.cart.lines[0]?.quantity !== 2 || !cart.cart.lines[0].variant.sku) throw new Error(`cart: ${JSON.stringify(cart)}`);
  return { cartId: cart.cart.id, totalQuantity: cart.cart.totalQuantity };
}
