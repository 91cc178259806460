import type { SessionRecord } from '../domain/identity-types.js';
import { keys } from './keys.js';

/** The stored item of a session record: a signed-in one is also listed under its customer. */
export function sessionItem(record: SessionRecord): Record<string, unknown> {
  return {
    ...keys.session(record.sessionId),
    ...(record.customerId ? keys.sessionListing(record.customerId, record.createdAt, record.sessionId) : {}),
    entity: 'Session',
    ...record,
  };
}
