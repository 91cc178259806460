import { sendContractOperation } from '../../contract/contract-client.js';

/** One GraphQL request from the benchmark's own setup and checks (not the measured load). */
export async function postGraphql<T>(url: string, body: { query: string; variables?: Record<string, unknown>; operationName?: string }, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not JSON: reported through `ok` and `text`.
  }
  return { status: response.status, headers: response.headers, ok: response.ok && !parsed.errors?.length, text, ...parsed };
}

/** Signs up a new customer through a shopgraph gateway, as a bearer client, and fills its cart with one of each variant. */
export async function signedInCustomerWithCart(gatewayUrl: string, email: string, variantIds: readonly string[]): Promise<string> {
  const signUp = await sendContractOperation(gatewayUrl, 'SignUp', { input: { email, password: 'bench password 123', name: 'Bench', transport: 'BEARER' } });
  const token = signUp.data?.signUp.sessionToken;
  if (!token) throw new Error(`signUp failed for ${email}: ${signUp.text.slice(0, 300)}`);
  // All at once: concurrent adds to one cart all land (the cart's own guarantee).
  await Promise.all(
    variantIds.map(async (variantId) => {
      const added = await sendContractOperation(gatewayUrl, 'AddToCart', { variantId, quantity: 1 }, { authorization: `Bearer ${token}` });
      if (!added.ok || added.data?.addToCart.errors.length) throw new Error(`addToCart failed for ${email}: ${added.text.slice(0, 300)}`);
    }),
  );
  return token;
}
