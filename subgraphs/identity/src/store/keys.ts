/**
 * The only place identity key strings are built.
 *
 * | item     | PK                  | SK       | GSI1PK              | GSI1SK                      |
 * | customer | CUSTOMER#<id>       | CUSTOMER |                     |                             |
 * | email    | EMAIL#<lowercased>  | EMAIL    |                     |                             |
 * | session  | SESSION#<id>        | SESSION  | CUSTOMER#<customer> | SESSION#<createdAt>#<id>    |
 * | pending  | REVOCATION#PENDING  | <id>     |                     |                             |
 *
 * A pending item lists sessions revoked in the table, or names a customer whose sessions were
 * all ended, whose revocation may not be in Redis yet. They share one partition so the
 * revocation sync reads them all with one query; at a sign-out's rate they are far below a
 * partition's write limit.
 *
 * The customer item also numbers the customer's sign-ins (`signInCount`) and holds the mark
 * that ends every session up to a number (`sessionsEndedThrough`, `sessionsEndedAt`,
 * `sessionsEndedExpiresAt`); see customer-sessions.ts.
 */
export const keys = {
  customer: (id: string) => ({ PK: `CUSTOMER#${id}`, SK: 'CUSTOMER' }),
  email: (emailLower: string) => ({ PK: `EMAIL#${emailLower}`, SK: 'EMAIL' }),
  session: (id: string) => ({ PK: `SESSION#${id}`, SK: 'SESSION' }),
  pendingRevocations: () => ({ PK: 'REVOCATION#PENDING' }),
  pendingRevocation: (id: string) => ({ PK: 'REVOCATION#PENDING', SK: id }),
  sessionsOfCustomer: (customerId: string) => ({ GSI1PK: `CUSTOMER#${customerId}` }),
  sessionListing: (customerId: string, createdAt: string, id: string) => ({
    GSI1PK: `CUSTOMER#${customerId}`,
    GSI1SK: `SESSION#${createdAt}#${id}`,
  }),
  /** The lowest listing sort key of a session created at `createdAt` or later. */
  sessionListingFrom: (createdAt: string) => `SESSION#${createdAt}`,
} as const;

/** Emails are unique regardless of case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
