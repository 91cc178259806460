import type { Role } from '@shopgraph/shared';
import type { CustomerRepository } from '../store/customer-repository.js';
import type { SessionEnding } from './session-ending.js';

export type RoleChange =
  | { outcome: 'changed'; from: Role; to: Role; /** Whether Redis has the mark yet; if not, the revocation sync writes it. */ redis: 'written' | 'pending' }
  | { outcome: 'unchanged' }
  | { outcome: 'not-found' }
  /** The role changed between the read and the write (another change at once): nothing was written. */
  | { outcome: 'conflict' };

/**
 * Changing a customer's role. A session token carries the role it was issued with, so the
 * change ends every session the customer has, in the same write: a demoted admin's token is
 * refused (within a second, on every gateway) rather than kept for the rest of its lifetime.
 */
export function createRoleChange({ customers, ending }: { customers: CustomerRepository; ending: SessionEnding }) {
  return {
    async setRole(email: string, role: Role, now = new Date()): Promise<RoleChange> {
      const customer = await customers.findByEmail(email);
      if (!customer) return { outcome: 'not-found' };
      if (customer.role === role) return { outcome: 'unchanged' };
      const changed = await ending.changeRole(customer.id, { from: customer.role, to: role }, now);
      if (changed === 'conflict') return { outcome: 'conflict' };
      return { outcome: 'changed', from: customer.role, to: role, redis: changed.published ? 'written' : 'pending' };
    },
  };
}

export type RoleChanger = ReturnType<typeof createRoleChange>;
