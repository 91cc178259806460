import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReceivedMail } from '../../tools/mail/local-mailbox.js';
import { contractOperation, createStorefront } from './graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload, type Storefront } from './shoppers.js';
import type { TestStack } from './stack.js';

const ACCOUNTS = readFileSync(fileURLToPath(new URL('../../clients/operations/accounts.graphql', import.meta.url)), 'utf8');
const BLOCKS = ACCOUNTS.split(/\n(?=query |mutation |fragment |# -)/);

/** One operation of clients/operations/accounts.graphql with the fragments it spreads, as the storefront sends it. */
export function accountOperation(name: string): string {
  const operation = BLOCKS.find((block) => new RegExp(`^(query|mutation) ${name}\\b`).test(block));
  if (!operation) throw new Error(`no operation ${name} in clients/operations/accounts.graphql`);
  const fragments = [...new Set([...operation.matchAll(/\.\.\.(\w+)/g)].map(([, fragment]) => fragment))].map(
    (fragment) => BLOCKS.find((block) => block.startsWith(`fragment ${fragment} `)) ?? '',
  );
  return [operation, ...fragments].join('\n');
}

export interface UserErrorShape {
  code: string;
  message: string;
  field: string[] | null;
}

export interface SignedInPayload extends AuthPayload {
  customer: (AuthPayload['customer'] & { emailVerified?: boolean }) | null;
}

/** The token at the end of an emailed link (`…/#/page/TOKEN`). */
export function linkToken(mail: ReceivedMail, page: 'reset-password' | 'verify-email'): string {
  const link = mail.links.find((url) => url.includes(`/#/${page}/`));
  if (!link) throw new Error(`no ${page} link in "${mail.subject}": ${mail.text}`);
  return link.slice(link.lastIndexOf('/') + 1);
}

/** A new customer signed in on a web storefront (cookie), with the verification email sign-up sent. */
export async function signedUpShopper(stack: TestStack, label = 'account'): Promise<{ web: Storefront; email: string; customerId: string }> {
  const email = uniqueEmail(label);
  const web = createStorefront(stack.gatewayUrl);
  const signUp = await web.request<{ signUp: AuthPayload }>(contractOperation('SignUp'), { input: { email, password: SHOPPER_PASSWORD, name: 'Ada' } });
  const customer = signUp.body.data?.signUp.customer;
  if (!customer) throw new Error(`sign-up failed: ${JSON.stringify(signUp.body)}`);
  return { web, email, customerId: customer.id };
}

/** The first email to `address` whose subject matches and that arrived after message `afterId`, waiting for it. */
export function mailTo(stack: TestStack, address: string, subject: RegExp, afterId = 0): Promise<ReceivedMail> {
  return stack.mailbox.waitFor((mail) => mail.id > afterId && mail.to.includes(address.toLowerCase()) && subject.test(mail.subject));
}

/** The id of the newest email the stack's mailbox holds (0 for none): what a later mailTo waits past. */
export function lastMailId(stack: TestStack): number {
  return stack.mailbox.messages().at(-1)?.id ?? 0;
}
