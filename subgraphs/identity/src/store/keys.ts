/**
 * The only place identity key strings are built.
 *
 * | item     | PK                  | SK       | GSI1PK              | GSI1SK                      |
 * | customer | CUSTOMER#<id>       | CUSTOMER |                     |                             |
 * | email    | EMAIL#<lowercased>  | EMAIL    |                     |                             |
 * | session  | SESSION#<id>        | SESSION  | CUSTOMER#<customer> | SESSION#<createdAt>#<id>    |
 * | pending  | REVOCATION#PENDING  | <id>     |                     |                             |
 * | link     | LINK#<sha256>       | LINK     |                     |                             |
 * | addresses| CUSTOMER#<id>       | ADDRESSES|                     |                             |
 *
 * A pending item lists sessions revoked in the table, or names a customer whose sessions were
 * all ended, whose revocation may not be in Redis yet. They share one partition so the
 * revocation sync reads them all with one query; at a sign-out's rate they are far below a
 * partition's write limit.
 *
 * The customer item also numbers the customer's sign-ins (`signInCount`) and holds the mark
 * that ends every session up to a number (`sessionsEndedThrough`, `sessionsEndedAt`,
 * `sessionsEndedExpiresAt`); see customer-sessions.ts. It records when the email was
 * verified (`emailVerifiedAt`) and when the password last changed (`passwordChangedAt`, which
 * voids reset links issued before it).
 *
 * A link item is an emailed single-use token, by the SHA-256 of the token (link-tokens.ts);
 * it expires by TTL. The addresses item is the customer's whole address book, one item
 * written under a version, so its size limit and its default hold under concurrent edits.
 */
export const keys = {
  customer: (id: string) => ({ PK: `CUSTOMER#${id}`, SK: 'CUSTOMER' }),
  email: (emailLower: string) => ({ PK: `EMAIL#${emailLower}`, SK: 'EMAIL' }),
  session: (id: string) => ({ PK: `SESSION#${id}`, SK: 'SESSION' }),
  link: (tokenHash: string) => ({ PK: `LINK#${tokenHash}`, SK: 'LINK' }),
  addressBook: (customerId: string) => ({ PK: `CUSTOMER#${customerId}`, SK: 'ADDRESSES' }),
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
