import { contractOperation, createStorefront } from './graphql-client.js';

export type Storefront = ReturnType<typeof createStorefront>;

export interface AuthPayload {
  customer: { id: string; email: string; name: string } | null;
  sessionToken: string | null;
  errors: { code: string; message: string; field: string[] | null }[];
}

export const SHOPPER_PASSWORD = 'correct horse battery';
let counter = 0;

/** An email no other test (or run) uses. */
export function uniqueEmail(label = 'shopper'): string {
  return `${label}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.com`;
}

/**
 * One customer on two devices: `web` signed up with the cookie, `phone` signed in with a bearer
 * token, as the reference web and mobile clients do.
 */
export async function customerOnTwoDevices(gatewayUrl: string, email = uniqueEmail()): Promise<{ web: Storefront; phone: Storefront; customerId: string; email: string }> {
  const web = createStorefront(gatewayUrl);
  const signUp = await web.request<{ signUp: AuthPayload }>(contractOperation('SignUp'), { input: { email, password: SHOPPER_PASSWORD, name: 'Ada' } });
  if (signUp.body.data?.signUp.errors.length !== 0) throw new Error(`sign-up failed: ${JSON.stringify(signUp.body)}`);
  const phoneSignIn = await createStorefront(gatewayUrl).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), {
    input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' },
  });
  const token = phoneSignIn.body.data?.signIn.sessionToken;
  if (!token) throw new Error(`bearer sign-in failed: ${JSON.stringify(phoneSignIn.body)}`);
  return { web, phone: createStorefront(gatewayUrl, { bearer: token }), customerId: signUp.body.data.signUp.customer!.id, email };
}
