import type { SubgraphContext } from '@shopgraph/shared/server';
import type { AccountService } from './domain/account-service.js';
import type { SessionService } from './domain/session-service.js';
import type { CustomerRepository } from './store/customer-repository.js';
import type { CustomerSessions } from './store/customer-sessions.js';
import type { SessionRepository } from './store/session-repository.js';

export interface IdentityContext extends SubgraphContext {
  accounts: AccountService;
  sessionService: SessionService;
  customers: CustomerRepository;
  customerSessions: CustomerSessions;
  sessions: SessionRepository;
}
