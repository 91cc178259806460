import { sendContractOperation } from '../../contract/contract-client.js';

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
