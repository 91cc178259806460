import type { SubgraphContext } from '@shopgraph/shared/server';
import type { AccountService } from './domain/account-service.js';
import type { AddressBookService } from './domain/address-book.js';
import type { AddressBook } from './domain/address-book-rules.js';
import type { CredentialChanges } from './domain/credential-changes.js';
import type { EmailVerification } from './domain/email-verification.js';
import type { PasswordReset } from './domain/password-reset.js';
import type { SessionService } from './domain/session-service.js';
import type { CustomerRepository } from './store/customer-repository.js';
import type { CustomerSessions } from './store/customer-sessions.js';
import type { SessionRepository } from './store/session-repository.js';

export interface IdentityContext extends SubgraphContext {
  accounts: AccountService;
  passwordReset: PasswordReset;
  credentialChanges: CredentialChanges;
  emailVerification: EmailVerification;
  addressBook: AddressBookService;
  /** The customer's address book, read at most once per request (Customer.addresses and defaultShippingAddress share it). */
  addressBookOf: (customerId: string) => Promise<AddressBook>;
  sessionService: SessionService;
  customers: CustomerRepository;
  customerSessions: CustomerSessions;
  sessions: SessionRepository;
}
