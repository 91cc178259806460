import { userError, type Session, type UserError } from '@shopgraph/shared';
import type { SubgraphContext } from '@shopgraph/shared/server';
import { accountLink, type AccountEmails } from '../mail/account-emails.js';
import type { MailOutbox } from '../mail/mail-outbox.js';
import type { AccountLinks } from '../store/account-links.js';
import type { CustomerRepository } from '../store/customer-repository.js';
import type { MailRequestLimiter } from '../store/mail-request-limiters.js';
import { IdentityErrorCode, INVALID_LINK_MESSAGE } from '../errors.js';
import type { Customer } from './identity-types.js';
import { refuse } from './limit-refusal.js';
import { hashLinkToken, LINK_TOKEN_PATTERN, newLinkToken } from './link-tokens.js';
import { requireCustomer } from './session-service.js';

/** How long a link that confirms an address works: a day, since nothing is at stake while it waits. */
export const VERIFICATION_LINK_LIFETIME_HOURS = 24;

export interface EmailVerificationDeps {
  customers: CustomerRepository;
  links: AccountLinks;
  outbox: MailOutbox;
  emails: AccountEmails;
  limiter: MailRequestLimiter;
  storefrontUrl: string;
}

export interface VerifyEmailResult {
  /** The address now verified (and, for an email change, now the account's). */
  email: string | null;
  errors: UserError[];
}

const invalidLink = (): VerifyEmailResult => ({ email: null, errors: [userError(IdentityErrorCode.INVALID_LINK, INVALID_LINK_MESSAGE, ['token'])] });

/**
 * Proving an address: the link sign-up sends (and a customer may ask again for), and the link
 * that makes a new address the account's (email-change.ts issues it). Following either spends
 * it in the same transaction as the change it allows.
 */
export function createEmailVerification(deps: EmailVerificationDeps) {
  /** Issues a link to `to` and emails it, in the background (mail-outbox.ts says why). */
  function sendLinkTo(customer: Customer, purpose: 'verify-email' | 'change-email', to: string): void {
    deps.outbox.later(purpose, async () => {
      const { token, hash } = newLinkToken();
      const now = Date.now();
      await deps.links.issue(hash, {
        purpose,
        customerId: customer.id,
        email: to,
        issuedAt: now,
        expiresAt: Math.floor(now / 1000) + VERIFICATION_LINK_LIFETIME_HOURS * 3600,
      });
      const url = accountLink(deps.storefrontUrl, 'verify-email', token);
      return purpose === 'verify-email'
        ? deps.emails.verifyEmail(to, customer.name, url, VERIFICATION_LINK_LIFETIME_HOURS)
        : deps.emails.confirmNewEmail(to, customer.name, url, VERIFICATION_LINK_LIFETIME_HOURS);
    });
  }

  return {
    /** The link to confirm the customer's own address (at sign-up). */
    sendLink(customer: Customer): void {
      sendLinkTo(customer, 'verify-email', customer.email);
    },

    /** The link to confirm a new address; the account changes only when it is followed. */
    sendChangeLink(customer: Customer, newEmail: string): void {
      sendLinkTo(customer, 'change-email', newEmail);
    },

    /** Sends the signed-in customer's verification link again, within the limit. */
    async resend(context: SubgraphContext, session: Session): Promise<{ errors: UserError[] }> {
      const customer = await deps.customers.findById(requireCustomer(session));
      if (!customer) return { errors: [] };
      if (customer.emailVerified) {
        return { errors: [userError(IdentityErrorCode.EMAIL_ALREADY_VERIFIED, 'Your email address is verified already.')] };
      }
      const reservation = await deps.limiter.reserve(customer.id, context.clientIp);
      if (!reservation.allowed) refuse(reservation, 'Sending a verification email');
      sendLinkTo(customer, 'verify-email', customer.email);
      return { errors: [] };
    },

    /** Follows a link: from any device, signed in or not (holding it proves the mailbox). */
    async verify(token: string, now = new Date()): Promise<VerifyEmailResult> {
      if (!LINK_TOKEN_PATTERN.test(token)) return invalidLink();
      const hash = hashLinkToken(token);
      const link = await deps.links.findUsable(hash, ['verify-email', 'change-email'], now);
      if (!link) return invalidLink();
      const spend = deps.links.spendItem(hash, now);
      if (link.purpose === 'verify-email') {
        return (await deps.customers.confirmEmail(link.customerId, link.email, spend, now)) === 'confirmed' ? { email: link.email, errors: [] } : invalidLink();
      }
      const customer = await deps.customers.findById(link.customerId);
      if (!customer) return invalidLink();
      const changed = await deps.customers.changeEmail(customer.id, { from: customer.email, to: link.email }, spend, now);
      if (changed === 'email-taken') {
        return { email: null, errors: [userError(IdentityErrorCode.EMAIL_TAKEN, 'Another account uses this address by now; nothing changed.', ['token'])] };
      }
      if (changed === 'refused') return invalidLink();
      // The old address is told, so its owner notices a change they did not make.
      deps.outbox.later('email-changed', async () => deps.emails.emailChanged(customer.email, customer.name, link.email));
      return { email: link.email, errors: [] };
    },
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;
