import { codedError, ErrorCode, userError, type Logger, type UserError } from '@shopgraph/shared';
import type { SubgraphContext } from '@shopgraph/shared/server';
import { accountLink, type AccountEmails } from '../mail/account-emails.js';
import type { MailOutbox } from '../mail/mail-outbox.js';
import type { AccountLinks } from '../store/account-links.js';
import { type CustomerRepository } from '../store/customer-repository.js';
import { StoreBusyError } from '../errors.js';
import type { MailRequestLimiter } from '../store/mail-request-limiters.js';
import { passwordChange } from '../store/password-change.js';
import { IdentityErrorCode, INVALID_LINK_MESSAGE } from '../errors.js';
import { refuse } from './limit-refusal.js';
import { hashLinkToken, LINK_TOKEN_PATTERN, newLinkToken } from './link-tokens.js';
import type { PasswordHasher } from './password.js';
import type { SessionEnding } from './session-ending.js';
import type { SessionService, SignedIn, Transport } from './session-service.js';
import { emailProblem, passwordProblem } from './sign-up-rules.js';

/** A reset link works once, for this long. */
export const RESET_LINK_LIFETIME_MINUTES = 30;

export interface PasswordResetDeps {
  customers: CustomerRepository;
  links: AccountLinks;
  limiter: MailRequestLimiter;
  outbox: MailOutbox;
  emails: AccountEmails;
  passwords: PasswordHasher;
  ending: SessionEnding;
  sessions: SessionService;
  minPasswordLength: number;
  storefrontUrl: string;
  logger: Logger;
}

const invalidLink = (): SignedIn => ({ customer: null, sessionToken: null, errors: [userError(IdentityErrorCode.INVALID_LINK, INVALID_LINK_MESSAGE, ['input', 'token'])] });

/** A forgotten password: a link by email, then a new password that ends every session but the device's new one. */
export function createPasswordReset(deps: PasswordResetDeps) {
  return {
    /**
     * Answers the same whether or not the email has an account, and as fast: the account is
     * looked up, and the link issued and mailed, after the answer (mail-outbox.ts). Counted
     * per email and per client address first; past either limit, TOO_MANY_ATTEMPTS, which
     * does not depend on the account either.
     */
    async request(context: SubgraphContext, email: string): Promise<{ errors: UserError[] }> {
      const badEmail = emailProblem(email, ['email']);
      if (badEmail) return { errors: [badEmail] };
      const reservation = await deps.limiter.reserve(email, context.clientIp);
      if (!reservation.allowed) refuse(reservation, 'Password reset');
      deps.outbox.later('password-reset', async () => {
        const customer = await deps.customers.findByEmail(email);
        if (!customer) return undefined;
        const { token, hash } = newLinkToken();
        const now = Date.now();
        await deps.links.issue(hash, {
          purpose: 'password-reset',
          customerId: customer.id,
          email: customer.email,
          issuedAt: now,
          expiresAt: Math.floor(now / 1000) + RESET_LINK_LIFETIME_MINUTES * 60,
        });
        return deps.emails.passwordReset(customer.email, customer.name, accountLink(deps.storefrontUrl, 'reset-password', token), RESET_LINK_LIFETIME_MINUTES);
      });
      return { errors: [] };
    },

    /**
     * Sets the password, spends the link and ends every session of the customer (the mark),
     * in one transaction; then signs in the device that followed the link, as signIn does.
     * Following the link also proves the mailbox, so the address counts as verified.
     */
    async reset(context: SubgraphContext, input: { token: string; newPassword: string; transport?: Transport | null }, now = new Date()): Promise<SignedIn> {
      // The link is checked before the password is hashed: a junk token costs no scrypt work.
      if (!LINK_TOKEN_PATTERN.test(input.token)) return invalidLink();
      const tokenHash = hashLinkToken(input.token);
      const link = await deps.links.findUsable(tokenHash, ['password-reset'], now);
      if (!link) return invalidLink();
      const weak = passwordProblem(input.newPassword, deps.minPasswordLength, ['input', 'newPassword']);
      if (weak) return { customer: null, sessionToken: null, errors: [weak] };
      const stored = await deps.customers.findStoredById(link.customerId);
      if (!stored) return invalidLink();
      const change = passwordChange(await deps.passwords.hash(input.newPassword), now, { linkIssuedAt: link.issuedAt });
      const ended = await deps.ending
        .endAllWith(
          stored.id,
          {
            ...change,
            set: [...change.set, 'emailVerifiedAt = if_not_exists(emailVerifiedAt, :verifiedAt)'],
            // A link sent to an address the account has left no longer resets it.
            condition: `${change.condition} AND email = :linkEmail`,
            values: { ...change.values, ':verifiedAt': now.toISOString(), ':linkEmail': link.email },
            alongside: [deps.links.spendItem(tokenHash, now)],
          },
          now,
        )
        .catch((error: unknown) => {
          if (error instanceof StoreBusyError) throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The password could not be changed just now; the link still works. Try again.');
          throw error;
        });
      if ('refused' in ended) return invalidLink();
      if (!ended.published) {
        // The mark is in the table with its pending note: gateways ask identity until the
        // revocation sync has written it to Redis. The new password stands either way.
        deps.logger.warn({ customerId: stored.id }, 'password reset: the end of the sessions is not in Redis yet; the revocation sync writes it');
      }
      const { passwordHash: _hash, passwordChangedAt: _changed, ...customer } = stored;
      deps.outbox.later('password-changed', async () => deps.emails.passwordChanged(customer.email, customer.name));
      return deps.sessions.signIn(context, { ...customer, emailVerified: true }, input.transport ?? 'COOKIE', now);
    },
  };
}

export type PasswordReset = ReturnType<typeof createPasswordReset>;
