import { createSessionKeyRing, createSessionTokenCodec, newSessionId, Role, type SessionTokenCodec } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOperation, lastMailId, linkToken, mailTo, signedUpShopper, type SignedInPayload, type UserErrorShape } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const ACCOUNT = accountOperation('AccountSettings');
const VERIFY_EMAIL = accountOperation('VerifyEmail');
const RESEND = accountOperation('ResendVerificationEmail');
const CHANGE_EMAIL = accountOperation('ChangeEmail');
const CHANGE_PASSWORD = accountOperation('ChangePassword');
const SIGN_IN = contractOperation('SignIn');
const SIGNED_IN = 'query SignedIn { viewer { isAuthenticated } }';
const NEW_PASSWORD = 'another good passphrase';
const VERIFY_SUBJECT = /confirm your email address/i;
const CONFIRM_NEW_SUBJECT = /confirm your new email address/i;

interface AccountAnswer {
  viewer: { isAuthenticated: boolean; customer: { id: string; email: string; emailVerified: boolean } | null };
}
type ErrorsOf<K extends string> = Record<K, { errors: UserErrorShape[] }>;

describe('email verification, email and password changes, through the gateway', () => {
  let stack: TestStack;
  let codec: SessionTokenCodec;
  beforeAll(async () => {
    stack = await startStack({ products: 4, identityEnv: { VERIFICATION_EMAIL_MAX_PER_ACCOUNT: '2', REAUTHENTICATION_WINDOW_SECONDS: '600' } });
    codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
  });
  afterAll(() => stack.stop());

  const anonymous = () => createStorefront(stack.gatewayUrl);

  /**
   * A bearer device of the customer whose token says it authenticated `ageSeconds` ago, or
   * never says (a token issued before auth times were carried): how an old session looks.
   */
  async function deviceSignedInAgo(customerId: string, ageSeconds: number | 'unknown') {
    const now = Math.floor(Date.now() / 1000);
    const token = await codec.encode(
      { sessionId: newSessionId(), customerId, role: Role.CUSTOMER, ...(ageSeconds === 'unknown' ? {} : { authTime: now - ageSeconds }) },
      3600,
    );
    return createStorefront(stack.gatewayUrl, { bearer: token });
  }

  describe('verification at sign-up', () => {
    it('when the shopper follows the link sign-up sent, then the address is verified, and the link works once', async () => {
      const { web, email } = await signedUpShopper(stack, 'verify');
      expect((await web.request<AccountAnswer>(ACCOUNT)).body.data?.viewer.customer).toMatchObject({ email, emailVerified: false });
      const token = linkToken(await mailTo(stack, email, VERIFY_SUBJECT), 'verify-email');
      // Any device may follow it: holding the link proves the mailbox.
      const verified = await anonymous().request<{ verifyEmail: { email: string | null; errors: UserErrorShape[] } }>(VERIFY_EMAIL, { token });
      expect(verified.body.data?.verifyEmail).toEqual({ email, errors: [] });
      expect((await web.request<AccountAnswer>(ACCOUNT)).body.data?.viewer.customer?.emailVerified).toBe(true);
      const again = await anonymous().request<{ verifyEmail: { email: string | null; errors: UserErrorShape[] } }>(VERIFY_EMAIL, { token });
      expect(again.body.data?.verifyEmail).toEqual({ email: null, errors: [expect.objectContaining({ code: 'INVALID_LINK', field: ['token'] })] });
    });

    it('when the token is unknown or malformed, then INVALID_LINK', async () => {
      for (const token of ['B'.repeat(43), '', 'x'.repeat(500)]) {
        const answer = await anonymous().request<{ verifyEmail: { email: string | null; errors: UserErrorShape[] } }>(VERIFY_EMAIL, { token });
        expect(answer.body.data?.verifyEmail.errors.map((error) => error.code)).toEqual(['INVALID_LINK']);
      }
    });

    it('when an unverified customer asks again, then a new link comes, up to the limit; once verified, EMAIL_ALREADY_VERIFIED', async () => {
      const { web, email } = await signedUpShopper(stack, 'resend');
      await mailTo(stack, email, VERIFY_SUBJECT);
      const after = lastMailId(stack);
      const first = await web.request<ErrorsOf<'resendVerificationEmail'>>(RESEND);
      expect(first.body.data?.resendVerificationEmail.errors).toEqual([]);
      const resent = await mailTo(stack, email, VERIFY_SUBJECT, after);
      expect((await web.request<ErrorsOf<'resendVerificationEmail'>>(RESEND)).body.data?.resendVerificationEmail.errors).toEqual([]);
      const third = await web.request<ErrorsOf<'resendVerificationEmail'>>(RESEND);
      expect(third.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });

      await anonymous().request(VERIFY_EMAIL, { token: linkToken(resent, 'verify-email') });
      const verifiedAlready = await web.request<ErrorsOf<'resendVerificationEmail'>>(RESEND);
      expect(verifiedAlready.body.data?.resendVerificationEmail.errors.map((error) => error.code)).toEqual(['EMAIL_ALREADY_VERIFIED']);
    });

    it('when an anonymous session asks for a resend, then UNAUTHENTICATED', async () => {
      const answer = await anonymous().request(RESEND);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });

  describe('changeEmail', () => {
    it('when the customer follows the link sent to the new address, then the account moves to it and the old address is told', async () => {
      const { web, email, customerId } = await signedUpShopper(stack, 'move-from');
      const newEmail = uniqueEmail('move-to');
      const asked = await web.request<ErrorsOf<'changeEmail'>>(CHANGE_EMAIL, { input: { newEmail, password: SHOPPER_PASSWORD } });
      expect(asked.body.data?.changeEmail.errors).toEqual([]);
      const mail = await mailTo(stack, newEmail, CONFIRM_NEW_SUBJECT);
      // Until the link is followed nothing changes.
      expect((await web.request<AccountAnswer>(ACCOUNT)).body.data?.viewer.customer?.email).toBe(email);

      const followed = await anonymous().request<{ verifyEmail: { email: string | null; errors: UserErrorShape[] } }>(VERIFY_EMAIL, { token: linkToken(mail, 'verify-email') });
      expect(followed.body.data?.verifyEmail).toEqual({ email: newEmail, errors: [] });
      expect((await web.request<AccountAnswer>(ACCOUNT)).body.data?.viewer.customer).toMatchObject({ id: customerId, email: newEmail, emailVerified: true });
      const notice = await mailTo(stack, email, /email address was changed/i);
      expect(notice.text).toContain(newEmail);

      const withNew = await anonymous().request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email: newEmail, password: SHOPPER_PASSWORD } });
      expect(withNew.body.data?.signIn.customer?.id).toBe(customerId);
      const withOld = await anonymous().request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD } });
      expect(withOld.body.data?.signIn.errors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
    });

    it('when the input is bad, then each problem gets its code and no email goes out', async () => {
      const { web, email } = await signedUpShopper(stack, 'change-bad');
      const { email: taken } = await signedUpShopper(stack, 'change-taken');
      const codes = async (input: { newEmail: string; password: string }) =>
        (await web.request<ErrorsOf<'changeEmail'>>(CHANGE_EMAIL, { input })).body.data?.changeEmail.errors.map((error) => [error.code, error.field]);
      expect(await codes({ newEmail: 'nope', password: SHOPPER_PASSWORD })).toEqual([['INVALID_EMAIL', ['input', 'newEmail']]]);
      expect(await codes({ newEmail: email.toUpperCase(), password: SHOPPER_PASSWORD })).toEqual([['EMAIL_UNCHANGED', ['input', 'newEmail']]]);
      expect(await codes({ newEmail: uniqueEmail('change-bad-to'), password: 'wrong password!' })).toEqual([['INVALID_CREDENTIALS', ['input', 'password']]]);
      expect(await codes({ newEmail: taken, password: SHOPPER_PASSWORD })).toEqual([['EMAIL_TAKEN', ['input', 'newEmail']]]);
      expect(stack.mailbox.messages().filter((mail) => CONFIRM_NEW_SUBJECT.test(mail.subject) && mail.to.includes(taken))).toEqual([]);
    });

    it('when an anonymous session asks, then UNAUTHENTICATED', async () => {
      const answer = await anonymous().request(CHANGE_EMAIL, { input: { newEmail: uniqueEmail(), password: SHOPPER_PASSWORD } });
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });

  describe('changePassword', () => {
    it('when the current password is right, then the new one works, every other device is signed out and this one gets a new session', async () => {
      const { web, email, customerId } = await signedUpShopper(stack, 'change-password');
      const phoneToken = (await anonymous().request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' } })).body.data!.signIn.sessionToken!;
      const phone = createStorefront(stack.gatewayUrl, { bearer: phoneToken });
      const cookieBefore = web.cookie;

      const changed = await web.request<{ changePassword: SignedInPayload }>(CHANGE_PASSWORD, { input: { currentPassword: SHOPPER_PASSWORD, newPassword: NEW_PASSWORD } });
      expect(changed.body.data?.changePassword).toMatchObject({ errors: [], customer: { id: customerId } });
      expect(web.cookie).not.toBe(cookieBefore);
      expect((await web.request<{ viewer: { isAuthenticated: boolean } }>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(true);
      await eventually(async () => expect((await phone.request<{ viewer: { isAuthenticated: boolean } }>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(false));
      // The cookie from before the change is ended too.
      const stale = createStorefront(stack.gatewayUrl);
      stale.cookie = cookieBefore;
      await eventually(async () => expect((await stale.request<{ viewer: { isAuthenticated: boolean } }>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(false));

      const withNew = await anonymous().request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: NEW_PASSWORD } });
      expect(withNew.body.data?.signIn.customer?.id).toBe(customerId);
      await mailTo(stack, email, /password was changed/i);
    });

    it('when the current password is wrong or the new one too short, then INVALID_CREDENTIALS or WEAK_PASSWORD and nothing changes', async () => {
      const { web, email } = await signedUpShopper(stack, 'change-password-bad');
      const wrong = await web.request<{ changePassword: SignedInPayload }>(CHANGE_PASSWORD, { input: { currentPassword: 'not my password', newPassword: NEW_PASSWORD } });
      expect(wrong.body.data?.changePassword).toMatchObject({ customer: null, errors: [{ code: 'INVALID_CREDENTIALS', field: ['input', 'currentPassword'] }] });
      const weak = await web.request<{ changePassword: SignedInPayload }>(CHANGE_PASSWORD, { input: { currentPassword: SHOPPER_PASSWORD, newPassword: 'short' } });
      expect(weak.body.data?.changePassword).toMatchObject({ customer: null, errors: [{ code: 'WEAK_PASSWORD', field: ['input', 'newPassword'] }] });
      // Control: the old password still signs in, and this device is still signed in.
      expect((await anonymous().request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD } })).body.data?.signIn.errors).toEqual([]);
      expect((await web.request<{ viewer: { isAuthenticated: boolean } }>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(true);
    });

    it('when an anonymous session asks, then UNAUTHENTICATED', async () => {
      const answer = await anonymous().request(CHANGE_PASSWORD, { input: { currentPassword: SHOPPER_PASSWORD, newPassword: NEW_PASSWORD } });
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });

  describe('a recent sign-in for sensitive changes', () => {
    it('when the session signed in longer ago than the window, or its token carries no auth time, then REAUTHENTICATION_REQUIRED and nothing changes', async () => {
      const { email, customerId } = await signedUpShopper(stack, 'reauth');
      for (const age of [3600, 'unknown'] as const) {
        const device = await deviceSignedInAgo(customerId, age);
        // Control: the old token is served as signed in (readable, only not recent).
        expect((await device.request<{ viewer: { isAuthenticated: boolean } }>(SIGNED_IN)).body.data?.viewer.isAuthenticated).toBe(true);
        const password = await device.request(CHANGE_PASSWORD, { input: { currentPassword: SHOPPER_PASSWORD, newPassword: NEW_PASSWORD } });
        expect(password.body.errors?.[0]?.extensions).toMatchObject({ code: 'REAUTHENTICATION_REQUIRED', maxAgeSeconds: 600 });
        const emailChange = await device.request(CHANGE_EMAIL, { input: { newEmail: uniqueEmail('reauth-to'), password: SHOPPER_PASSWORD } });
        expect(emailChange.body.errors?.[0]?.extensions?.['code']).toBe('REAUTHENTICATION_REQUIRED');
      }
      // Control: within the window the same change goes through, and the old password is gone.
      const recent = await deviceSignedInAgo(customerId, 60);
      const changed = await recent.request<{ changePassword: SignedInPayload }>(CHANGE_PASSWORD, { input: { currentPassword: SHOPPER_PASSWORD, newPassword: NEW_PASSWORD, transport: 'BEARER' } });
      expect(changed.body.data?.changePassword.errors).toEqual([]);
      expect(changed.body.data?.changePassword.sessionToken).toBeTruthy();
      expect((await anonymous().request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD } })).body.data?.signIn.errors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
    });

    it('when the customer signs in again, then the new session is recent', async () => {
      const { email } = await signedUpShopper(stack, 'reauth-again');
      const device = createStorefront(stack.gatewayUrl);
      await device.request(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD } });
      const changed = await device.request<ErrorsOf<'changeEmail'>>(CHANGE_EMAIL, { input: { newEmail: uniqueEmail('reauth-again-to'), password: SHOPPER_PASSWORD } });
      expect(changed.body.data?.changeEmail.errors).toEqual([]);
    });
  });
});
