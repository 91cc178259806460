import { codedError, ErrorCode, userError, type Logger, type Session, type UserError } from '@shopgraph/shared';
import type { SubgraphContext } from '@shopgraph/shared/server';
import type { AccountEmails } from '../mail/account-emails.js';
import type { MailOutbox } from '../mail/mail-outbox.js';
import { type CustomerRepository } from '../store/customer-repository.js';
import { StoreBusyError } from '../errors.js';
import { normaliseEmail } from '../store/keys.js';
import { passwordChange } from '../store/password-change.js';
import type { MailRequestLimiter } from '../store/mail-request-limiters.js';
import type { SignInLimiter } from '../store/sign-in-limiter.js';
import type { EmailVerification } from './email-verification.js';
import { IdentityErrorCode } from '../errors.js';
import type { Customer, StoredCustomer } from './identity-types.js';
import { refuse } from './limit-refusal.js';
import type { PasswordHasher } from './password.js';
import { requireRecentSignIn } from './recent-sign-in.js';
import type { SessionEnding } from './session-ending.js';
import { requireCustomer, type SessionService, type SignedIn, type Transport } from './session-service.js';
import { emailProblem, PASSWORD_MAX_LENGTH, passwordProblem } from './sign-up-rules.js';

export interface CredentialChangesDeps {
  customers: CustomerRepository;
  limiter: SignInLimiter;
  passwords: PasswordHasher;
  ending: SessionEnding;
  sessions: SessionService;
  verification: Pick<EmailVerification, 'sendChangeLink'>;
  /** The limit on confirmation emails a customer asks for (shared with resending the verification link). */
  verificationLimiter: MailRequestLimiter;
  outbox: MailOutbox;
  emails: AccountEmails;
  minPasswordLength: number;
  reauthenticationWindowSeconds: number;
  logger: Logger;
}

const withoutSecrets = ({ passwordHash: _hash, passwordChangedAt: _changed, ...customer }: StoredCustomer): Customer => customer;

/**
 * A signed-in customer changing their password or email. Both need a recent sign-in
 * (REAUTHENTICATION_REQUIRED otherwise) and the current password, checked under the sign-in
 * limits: a stolen cookie can neither make the change nor guess the password through it.
 */
export function createCredentialChanges(deps: CredentialChangesDeps) {
  /** The signed-in customer, once the session is recent enough; throws otherwise. */
  async function recentCustomer(session: Session): Promise<StoredCustomer> {
    const customerId = requireCustomer(session);
    requireRecentSignIn(session, deps.reauthenticationWindowSeconds);
    const stored = await deps.customers.findStoredById(customerId);
    if (!stored) throw codedError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    return stored;
  }

  /** INVALID_CREDENTIALS naming `field` for a wrong password; counted like a sign-in attempt. */
  async function passwordMismatch(context: SubgraphContext, stored: StoredCustomer, password: string, field: string[]): Promise<UserError | undefined> {
    const reservation = await deps.limiter.reserve(stored.email, context.clientIp);
    if (!reservation.allowed) refuse(reservation, 'Checking the password');
    let valid: boolean;
    try {
      valid = password.length <= PASSWORD_MAX_LENGTH && (await deps.passwords.verify(password, stored.passwordHash));
    } catch (error) {
      await deps.limiter.abandoned(stored.email, context.clientIp);
      throw error;
    }
    if (!valid) return userError(IdentityErrorCode.INVALID_CREDENTIALS, 'The password is incorrect.', field);
    await deps.limiter.succeeded(stored.email, context.clientIp);
    return undefined;
  }

  return {
    /**
     * Sets a new password and ends every session of the customer in the same transaction (a
     * thief signed in elsewhere is out), then signs this device in again with a new token,
     * as signIn does (COOKIE unless `transport` says BEARER).
     */
    async changePassword(context: SubgraphContext, session: Session, input: { currentPassword: string; newPassword: string; transport?: Transport | null }): Promise<SignedIn> {
      const stored = await recentCustomer(session);
      const weak = passwordProblem(input.newPassword, deps.minPasswordLength, ['input', 'newPassword']);
      if (weak) return { customer: null, sessionToken: null, errors: [weak] };
      const mismatch = await passwordMismatch(context, stored, input.currentPassword, ['input', 'currentPassword']);
      if (mismatch) return { customer: null, sessionToken: null, errors: [mismatch] };
      const now = new Date();
      const change = passwordChange(await deps.passwords.hash(input.newPassword), now, { previousChangedAt: stored.passwordChangedAt });
      const ended = await deps.ending.endAllWith(stored.id, change, now).catch((error: unknown) => {
        if (error instanceof StoreBusyError) throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The password could not be changed just now; nothing changed. Try again.');
        throw error;
      });
      if ('refused' in ended) {
        // Another change of the same password landed between the check and the write.
        throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The password was changed from elsewhere meanwhile; nothing changed here. Sign in again.');
      }
      if (!ended.published) deps.logger.warn({ customerId: stored.id }, 'password change: the end of the sessions is not in Redis yet; the revocation sync writes it');
      const customer = withoutSecrets(stored);
      deps.outbox.later('password-changed', async () => deps.emails.passwordChanged(customer.email, customer.name));
      return deps.sessions.signIn(context, customer, input.transport ?? 'COOKIE', now);
    },

    /**
     * Emails a link to `newEmail`; the account moves to it only when the link is followed
     * (email-verification.ts), and the old address is told then. Until then nothing changes.
     */
    async changeEmail(context: SubgraphContext, session: Session, input: { newEmail: string; password: string }): Promise<{ errors: UserError[] }> {
      const stored = await recentCustomer(session);
      const newEmail = input.newEmail.trim();
      const badEmail = emailProblem(newEmail, ['input', 'newEmail']);
      if (badEmail) return { errors: [badEmail] };
      if (normaliseEmail(newEmail) === normaliseEmail(stored.email)) {
        return { errors: [userError(IdentityErrorCode.EMAIL_UNCHANGED, 'This is your email address already.', ['input', 'newEmail'])] };
      }
      const mismatch = await passwordMismatch(context, stored, input.password, ['input', 'password']);
      if (mismatch) return { errors: [mismatch] };
      // Said now rather than at the link: the customer proved the password, and sign-up says as much.
      if (await deps.customers.findByEmail(newEmail)) {
        return { errors: [userError(IdentityErrorCode.EMAIL_TAKEN, 'Another account uses this address.', ['input', 'newEmail'])] };
      }
      const reservation = await deps.verificationLimiter.reserve(stored.id, context.clientIp);
      if (!reservation.allowed) refuse(reservation, 'Sending a confirmation email');
      deps.verification.sendChangeLink(withoutSecrets(stored), newEmail);
      return { errors: [] };
    },
  };
}

export type CredentialChanges = ReturnType<typeof createCredentialChanges>;
