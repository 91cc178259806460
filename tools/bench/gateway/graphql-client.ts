import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendContractOperation } from '../../contract/contract-client.js';

/** How often a set-up add is sent before the set-up gives up, and the pause before the first resend. */
const ADD_ATTEMPTS = 4;
const RETRY_PAUSE_MS = 1_000;

/** Signs up a new customer through a shopgraph gateway, as a bearer client, and fills its cart with one of each variant. */
export async function signedInCustomerWithCart(gatewayUrl: string, email: string, variantIds: readonly string[]): Promise<string> {
  const signUp = await sendContractOperation(gatewayUrl, 'SignUp', { input: { email, password: 'bench password 123', name: 'Bench', transport: 'BEARER' } });
  const token = signUp.data?.signUp.sessionToken;
  if (!token) throw new Error(`signUp failed for ${email}: ${signUp.text.slice(0, 300)}`);
  // All at once: concurrent adds to one cart all land (the cart's own guarantee). An add the
  // subgraphs' busy core could not answer in time is sent again with its Idempotency-Key, as a
  // storefront does, so it lands once however often it is sent.
  await Promise.all(
    variantIds.map(async (variantId) => {
      const key = randomUUID();
      for (let attempt = 1; ; attempt++) {
        const added = await sendContractOperation(gatewayUrl, 'AddToCart', { variantId, quantity: 1 }, { authorization: `Bearer ${token}`, 'idempotency-key': key });
        if (added.ok && added.data && added.data.addToCart.errors.length === 0) return;
        if (attempt < ADD_ATTEMPTS && added.text.includes('"SERVICE_UNAVAILABLE"')) {
          await sleep(RETRY_PAUSE_MS * attempt);
          continue;
        }
        throw new Error(`addToCart failed for ${email}: ${added.text.slice(0, 300)}`);
      }
    }),
  );
  return token;
}
