import { codedError, ErrorCode, Role, userError } from '@shopgraph/shared';
import type { SubgraphContext } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import { EmailTakenError, type CustomerRepository } from '../store/customer-repository.js';
import type { SignInLimiter } from '../store/sign-in-limiter.js';
import { IdentityErrorCode, INVALID_CREDENTIALS_MESSAGE } from './identity-errors.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
import type { SessionService, SignedIn, Transport } from './session-service.js';
import { PASSWORD_MAX_LENGTH, validateSignUp } from './sign-up-rules.js';

export interface AccountServiceDeps {
  customers: CustomerRepository;
  limiter: SignInLimiter;
  sessions: SessionService;
  minPasswordLength: number;
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
      const errors = validateSignUp(input, deps.minPasswordLength);
      if (errors.length > 0) return { customer: null, sessionToken: null, errors };
      const customer = {
        id: `cus_${randomBytes(12).toString('base64url')}`,
        email: input.email.trim(),
        name: input.name.trim(),
        role: Role.CUSTOMER,
        createdAt: new Date().toISOString(),
      };
      try {
        await deps.customers.create({ ...customer, passwordHash: await hashPassword(input.password) });
      } catch (error) {
        if (!(error instanceof EmailTakenError)) throw error;
        return {
          customer: null,
          sessionToken: null,
          errors: [userError(IdentityErrorCode.EMAIL_TAKEN, 'An account with this email exists; sign in instead.', ['input', 'email'])],
        };
      }
      return deps.sessions.signIn(context, customer, input.transport ?? 'COOKIE');
    },

    async signIn(context: SubgraphContext, input: Credentials): Promise<SignedIn> {
      const limit = await deps.limiter.check(input.email, context.clientIp);
      if (!limit.allowed) {
        throw codedError(ErrorCode.TOO_MANY_ATTEMPTS, `Too many failed sign-ins. Try again in ${limit.retryAfterSeconds} seconds.`, {
          retryAfterSeconds: limit.retryAfterSeconds,
        });
      }
      const stored = input.password.length <= PASSWORD_MAX_LENGTH ? await deps.customers.findByEmail(input.email) : undefined;
      const valid = stored ? await verifyPassword(input.password, stored.passwordHash) : await verifyAgainstDummy(input.password.slice(0, PASSWORD_MAX_LENGTH));
      if (!stored || !valid) {
        await deps.limiter.recordFailure(input.email, context.clientIp);
        return { customer: null, sessionToken: null, errors: [userError(IdentityErrorCode.INVALID_CREDENTIALS, INVALID_CREDENTIALS_MESSAGE)] };
      }
      await deps.limiter.recordSuccess(input.email);
      const { passwordHash: _hash, ...customer } = stored;
      return deps.sessions.signIn(context, customer, input.transport ?? 'COOKIE');
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
