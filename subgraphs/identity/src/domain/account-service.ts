import { codedError, ErrorCode, Role, userError } from '@shopgraph/shared';
import type { SubgraphContext } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import { type CustomerRepository } from '../store/customer-repository.js';
import { EmailTakenError, StoreBusyError } from '../errors.js';
import type { SignInLimiter } from '../store/sign-in-limiter.js';
import type { SignUpLimiter } from '../store/sign-up-limiter.js';
import { IdentityErrorCode, INVALID_CREDENTIALS_MESSAGE } from '../errors.js';
import type { EmailVerification } from './email-verification.js';
import { refuse } from './limit-refusal.js';
import type { PasswordHasher } from './password.js';
import type { SessionService, SignedIn, Transport } from './session-service.js';
import { PASSWORD_MAX_LENGTH, validateSignUp } from './sign-up-rules.js';

export interface AccountServiceDeps {
  customers: CustomerRepository;
  limiter: SignInLimiter;
  signUpLimiter: SignUpLimiter;
  passwords: PasswordHasher;
  sessions: SessionService;
  minPasswordLength: number;
  /** Sends the new account's verification link. */
  verification: Pick<EmailVerification, 'sendLink'>;
}

interface Credentials {
  email: string;
  password: string;
  transport?: Transport | null;
}

/** Sign-up and password sign-in; the session work is the session service's. */
export function createAccountService(deps: AccountServiceDeps) {
  return {
    async signUp(context: SubgraphContext, input: Credentials & { name: string }): Promise<SignedIn> {
      const reservation = await deps.signUpLimiter.reserve(context.clientIp);
      if (!reservation.allowed) refuse(reservation, 'Sign-up');
      const errors = validateSignUp(input, deps.minPasswordLength);
      if (errors.length > 0) return { customer: null, sessionToken: null, errors };
      const customer = {
        id: `cus_${randomBytes(12).toString('base64url')}`,
        email: input.email.trim(),
        name: input.name.trim(),
        role: Role.CUSTOMER,
        createdAt: new Date().toISOString(),
        emailVerified: false,
      };
      // Hashed before the email is tried, taken or not: the expensive part of a sign-up
      // costs the same either way.
      const passwordHash = await deps.passwords.hash(input.password);
      try {
        await deps.customers.create({ ...customer, passwordHash });
      } catch (error) {
        if (error instanceof StoreBusyError) {
          throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'Sign-up is busy just now; nothing was saved. Try again shortly.');
        }
        if (!(error instanceof EmailTakenError)) throw error;
        // Deliberate: saying so is what lets a shopper who forgot they have an account sign
        // in instead. It reveals that an email has an account, which the per-address limit
        // rations (docs/security.md, "Sessions and identity").
        return {
          customer: null,
          sessionToken: null,
          errors: [userError(IdentityErrorCode.EMAIL_TAKEN, 'An account with this email exists; sign in instead.', ['input', 'email'])],
        };
      }
      // In the background: the answer does not wait for the SMTP server, nor fails with it.
      deps.verification.sendLink(customer);
      return deps.sessions.signIn(context, customer, input.transport ?? 'COOKIE');
    },

    async signIn(context: SubgraphContext, input: Credentials): Promise<SignedIn> {
      // Counted before the password is checked, in one Redis step: parallel guesses cannot
      // all pass a count read before any of them failed.
      const reservation = await deps.limiter.reserve(input.email, context.clientIp);
      if (!reservation.allowed) refuse(reservation, 'Sign-in');
      let stored: Awaited<ReturnType<CustomerRepository['findByEmail']>>;
      let valid: boolean;
      try {
        stored = input.password.length <= PASSWORD_MAX_LENGTH ? await deps.customers.findByEmail(input.email) : undefined;
        valid = stored
          ? await deps.passwords.verify(input.password, stored.passwordHash)
          : await deps.passwords.verifyAgainstDummy(input.password.slice(0, PASSWORD_MAX_LENGTH));
      } catch (error) {
        await deps.limiter.abandoned(input.email, context.clientIp);
        throw error;
      }
      if (!stored || !valid) {
        return { customer: null, sessionToken: null, errors: [userError(IdentityErrorCode.INVALID_CREDENTIALS, INVALID_CREDENTIALS_MESSAGE)] };
      }
      await deps.limiter.succeeded(input.email, context.clientIp);
      const { passwordHash: _hash, passwordChangedAt: _changed, ...customer } = stored;
      return deps.sessions.signIn(context, customer, input.transport ?? 'COOKIE');
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
