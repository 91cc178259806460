import { createServiceTokenSigner, HEADER_SERVICE_TOKEN } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckoutHarness, type CheckoutHarness } from './support/checkout-harness.js';

interface StockAnswer {
  stock: { variantId: string; inStock: boolean }[];
  next?: string | null;
}

describe("checkout's internal stock routes for catalog", () => {
  let h: CheckoutHarness;
  let base: string;
  let catalogToken: () => Promise<string>;

  beforeAll(async () => {
    h = await startCheckoutHarness('stock-routes');
    base = h.url.replace(/\/graphql$/, '');
    const signer = createServiceTokenSigner(h.keys.catalogSigningPrivateKey, 'catalog');
    catalogToken = () => signer.sign('checkout', {});
    await h.inventory.putQuantities(new Map(Array.from({ length: 25 }, (_, i) => [`stock_${String(i).padStart(2, '0')}`, i % 3])));
  });
  afterAll(() => h?.stop());

  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${base}/internal/stock/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { [HEADER_SERVICE_TOKEN]: token } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as StockAnswer };
  };

  it('when catalog pages through every level, then each variant comes once with its flag, and the last page has no next', async () => {
    const flags = new Map<string, boolean>();
    let after: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await post('levels', { limit: 10, ...(after ? { after } : {}) }, await catalogToken());
      expect(status).toBe(200);
      for (const { variantId, inStock } of body.stock) {
        expect(flags.has(variantId)).toBe(false);
        flags.set(variantId, inStock);
      }
      after = body.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBeGreaterThan(2);
    expect(flags.size).toBe(25);
    expect(flags.get('stock_00')).toBe(false);
    expect(flags.get('stock_01')).toBe(true);
  });

  it('when catalog asks by ids, then each id is answered, unknown ones as out of stock', async () => {
    const { body } = await post('by-ids', { variantIds: ['stock_01', 'stock_03', 'nope'] }, await catalogToken());
    expect(body.stock).toEqual([
      { variantId: 'stock_01', inStock: true },
      { variantId: 'stock_03', inStock: false },
      { variantId: 'nope', inStock: false },
    ]);
  });

  it('when the token is missing or signed by another service, then 401; a bad cursor or body is 400', async () => {
    expect((await post('levels', {})).status).toBe(401);
    const checkoutSigned = await createServiceTokenSigner(h.keys.checkoutSigningPrivateKey, 'checkout').sign('checkout', {});
    expect((await post('levels', {}, checkoutSigned)).status).toBe(401);
    const forCart = await createServiceTokenSigner(h.keys.catalogSigningPrivateKey, 'catalog').sign('cart', {});
    expect((await post('levels', {}, forCart)).status).toBe(401);
    expect((await post('levels', { after: 'not-a-cursor' }, await catalogToken())).status).toBe(400);
    expect((await post('by-ids', { variantIds: [] }, await catalogToken())).status).toBe(400);
    // Control: the same call, properly signed.
    expect((await post('levels', {}, await catalogToken())).status).toBe(200);
  });
});
