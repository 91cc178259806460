import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashLinkToken } from '@shopgraph/identity';
import { accountOperation, lastMailId, linkToken, mailTo, signedUpShopper, type SignedInPayload, type UserErrorShape } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const REQUEST_RESET = accountOperation('RequestPasswordReset');
const RESET_PASSWORD = accountOperation('ResetPassword');
const SIGN_IN = contractOperation('SignIn');
const SIGNED_IN = 'query SignedIn { viewer { isAuthenticated customer { id emailVerified } } }';
const NEW_PASSWORD = 'a brand new passphrase';
const RESET_SUBJECT = /reset your shopgraph password/i;

interface RequestAnswer {
  requestPasswordReset: { errors: UserErrorShape[] };
}
interface ResetAnswer {
  resetPassword: SignedInPayload;
}
interface SignedInAnswer {
  viewer: { isAuthenticated: boolean; customer: { id: string; emailVerified: boolean } | null };
}

describe('password reset by email, through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 4, identityEnv: { PASSWORD_RESET_MAX_PER_ACCOUNT: '3', PASSWORD_RESET_MAX_PER_IP: '1000' } });
  });
  afterAll(() => stack.stop());

  /** Asks for a reset of `email` from a fresh anonymous device, and answers the token mailed to it. */
  async function resetToken(email: string): Promise<string> {
    const after = lastMailId(stack);
    const asked = await createStorefront(stack.gatewayUrl).request<RequestAnswer>(REQUEST_RESET, { email });
    expect(asked.body.data?.requestPasswordReset.errors).toEqual([]);
    return linkToken(await mailTo(stack, email, RESET_SUBJECT, after), 'reset-password');
  }

  it('when a shopper follows the emailed link, then the new password works, the old does not, every other device is signed out and this one is signed in', async () => {
    const { web, email, customerId } = await signedUpShopper(stack, 'reset');
    const phoneSignIn = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' } });
    const phone = createStorefront(stack.gatewayUrl, { bearer: phoneSignIn.body.data!.signIn.sessionToken! });
    // Control: both devices are signed in before the reset.
    expect((await web.request<SignedInAnswer>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(true);
    expect((await phone.request<SignedInAnswer>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(true);

    const token = await resetToken(email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const laptop = createStorefront(stack.gatewayUrl);
    const reset = await laptop.request<ResetAnswer>(RESET_PASSWORD, { input: { token, newPassword: NEW_PASSWORD } });
    expect(reset.body.data?.resetPassword).toMatchObject({ errors: [], sessionToken: null, customer: { id: customerId, email, emailVerified: true } });
    expect(reset.headers.get('set-cookie')).toMatch(/^__Host-shopgraph-session=/);

    // The device that reset is signed in; following the link proved the mailbox.
    expect((await laptop.request<SignedInAnswer>(SIGNED_IN)).body.data?.viewer).toEqual({ isAuthenticated: true, customer: { id: customerId, emailVerified: true } });
    // Every other session ended (the customer's mark), the cookie one and the bearer one.
    await eventually(async () => expect((await web.request<SignedInAnswer>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(false));
    await eventually(async () => expect((await phone.request<SignedInAnswer>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(false));

    const withOld = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD } });
    expect(withOld.body.data?.signIn.errors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
    const withNew = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: NEW_PASSWORD } });
    expect(withNew.body.data?.signIn.customer?.id).toBe(customerId);
    // The account's address is told the password changed.
    await mailTo(stack, email, /password was changed/i);

    // The link works once.
    const again = await createStorefront(stack.gatewayUrl).request<ResetAnswer>(RESET_PASSWORD, { input: { token, newPassword: 'yet another passphrase' } });
    expect(again.body.data?.resetPassword).toMatchObject({ customer: null, errors: [{ code: 'INVALID_LINK', field: ['input', 'token'] }] });
  });

  it('when the reset asks for a bearer token, then the payload carries it and no cookie is set', async () => {
    const { email, customerId } = await signedUpShopper(stack, 'reset-bearer');
    const token = await resetToken(email);
    const reset = await createStorefront(stack.gatewayUrl).request<ResetAnswer>(RESET_PASSWORD, { input: { token, newPassword: NEW_PASSWORD, transport: 'BEARER' } });
    const sessionToken = reset.body.data?.resetPassword.sessionToken;
    expect(sessionToken).toBeTruthy();
    expect(reset.headers.get('set-cookie')).toBeNull();
    const viewer = await createStorefront(stack.gatewayUrl, { bearer: sessionToken! }).request<SignedInAnswer>(SIGNED_IN);
    expect(viewer.body.data?.viewer.customer?.id).toBe(customerId);
  });

  it('when the email has no account, then the answer is the same and no email is sent', async () => {
    const nobody = uniqueEmail('nobody');
    const { email: somebody } = await signedUpShopper(stack, 'somebody');
    const forNobody = await createStorefront(stack.gatewayUrl).request<RequestAnswer>(REQUEST_RESET, { email: nobody });
    const after = lastMailId(stack);
    const forSomebody = await createStorefront(stack.gatewayUrl).request<RequestAnswer>(REQUEST_RESET, { email: somebody });
    expect(forNobody.status).toBe(forSomebody.status);
    expect(forNobody.body).toEqual(forSomebody.body);
    expect(forNobody.body.data?.requestPasswordReset.errors).toEqual([]);
    // Control: the request for the account did send its email; none went to the unknown address.
    await mailTo(stack, somebody, RESET_SUBJECT, after);
    expect(stack.mailbox.messages().filter((mail) => mail.to.includes(nobody))).toEqual([]);
  });

  it('when the email is malformed, then INVALID_EMAIL names it', async () => {
    const answer = await createStorefront(stack.gatewayUrl).request<RequestAnswer>(REQUEST_RESET, { email: 'not-an-address' });
    expect(answer.body.data?.requestPasswordReset.errors).toEqual([expect.objectContaining({ code: 'INVALID_EMAIL', field: ['email'] })]);
  });

  it('when one email is asked for more often than its limit, then TOO_MANY_ATTEMPTS, with or without an account', async () => {
    const { email } = await signedUpShopper(stack, 'reset-limit');
    for (const address of [email, uniqueEmail('reset-limit-nobody')]) {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await createStorefront(stack.gatewayUrl).request<RequestAnswer>(REQUEST_RESET, { email: address }));
      expect(answers.slice(0, 3).map((answer) => answer.body.data?.requestPasswordReset.errors)).toEqual([[], [], []]);
      const refused = answers[3]!.body.errors?.[0]?.extensions;
      expect(refused?.['code']).toBe('TOO_MANY_ATTEMPTS');
      expect(refused?.['retryAfterSeconds']).toBeGreaterThan(0);
    }
  });

  it('when the token is unknown, malformed, expired or void, then INVALID_LINK and the password is unchanged', async () => {
    const { email, customerId } = await signedUpShopper(stack, 'reset-bad-token');
    const attempt = (token: string) => createStorefront(stack.gatewayUrl).request<ResetAnswer>(RESET_PASSWORD, { input: { token, newPassword: NEW_PASSWORD } });
    const refused = { customer: null, sessionToken: null, errors: [expect.objectContaining({ code: 'INVALID_LINK', field: ['input', 'token'] })] };

    expect((await attempt('A'.repeat(43))).body.data?.resetPassword).toMatchObject(refused);
    expect((await attempt('not a token')).body.data?.resetPassword).toMatchObject(refused);

    // Expired: a link whose lifetime is over (DynamoDB's TTL deletes it later; reads check).
    const expired = 'E'.repeat(43);
    await stack.tables.client.send(
      new PutCommand({
        TableName: stack.tables.names.identity,
        Item: {
          PK: `LINK#${hashLinkToken(expired)}`,
          SK: 'LINK',
          entity: 'AccountLink',
          purpose: 'password-reset',
          customerId,
          email,
          issuedAt: Date.now() - 31 * 60_000,
          expiresAt: Math.floor(Date.now() / 1000) - 60,
        },
      }),
    );
    expect((await attempt(expired)).body.data?.resetPassword).toMatchObject(refused);

    // Void: an older link, unused, once a newer one has reset the password.
    const older = await resetToken(email);
    const newer = await resetToken(email);
    expect((await attempt(newer)).body.data?.resetPassword.errors).toEqual([]);
    expect((await attempt(older)).body.data?.resetPassword).toMatchObject(refused);
    // Control: the password is the one the newer link set.
    const signIn = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: NEW_PASSWORD } });
    expect(signIn.body.data?.signIn.customer?.id).toBe(customerId);
  });

  it('when the new password is too short, then WEAK_PASSWORD, and the link still works', async () => {
    const { email } = await signedUpShopper(stack, 'reset-weak');
    const token = await resetToken(email);
    const weak = await createStorefront(stack.gatewayUrl).request<ResetAnswer>(RESET_PASSWORD, { input: { token, newPassword: 'short' } });
    expect(weak.body.data?.resetPassword).toMatchObject({ customer: null, errors: [{ code: 'WEAK_PASSWORD', field: ['input', 'newPassword'] }] });
    const good = await createStorefront(stack.gatewayUrl).request<ResetAnswer>(RESET_PASSWORD, { input: { token, newPassword: NEW_PASSWORD } });
    expect(good.body.data?.resetPassword.errors).toEqual([]);
  });

  it('never logs a link token', async () => {
    const { email } = await signedUpShopper(stack, 'reset-logs');
    const token = await resetToken(email);
    await createStorefront(stack.gatewayUrl).request<ResetAnswer>(RESET_PASSWORD, { input: { token, newPassword: NEW_PASSWORD } });
    expect(JSON.stringify(stack.logLines())).not.toContain(token);
  });
});
