/**
 * The only place identity key strings are built.
 *
 * | item     | PK                  | SK       | GSI1PK              | GSI1SK                      |
 * | customer | CUSTOMER#<id>       | CUSTOMER |                     |                             |
 * | email    | EMAIL#<lowercased>  | EMAIL    |                     |                             |
 * | session  | SESSION#<id>        | SESSION  | CUSTOMER#<customer> | SESSION#<createdAt>#<id>    |
 */
export const keys = {
  customer: (id: string) => ({ PK: `CUSTOMER#${id}`, SK: 'CUSTOMER' }),
  email: (emailLower: string) => ({ PK: `EMAIL#${emailLower}`, SK: 'EMAIL' }),
  session: (id: string) => ({ PK: `SESSION#${id}`, SK: 'SESSION' }),
  sessionsOfCustomer: (customerId: string) => ({ GSI1PK: `CUSTOMER#${customerId}` }),
  sessionListing: (customerId: string, createdAt: string, id: string) => ({
    GSI1PK: `CUSTOMER#${customerId}`,
    GSI1SK: `SESSION#${createdAt}#${id}`,
  }),
} as const;

/** Emails are unique regardless of case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
