import { mailTo } from '../../../test/support/accounts.js';
import type { TestStack } from '../../../test/support/stack.js';
import type { ReceivedMail } from '../../../tools/mail/local-mailbox.js';

export const RESET_SUBJECT = /^Reset your shopgraph password$/;
export const VERIFY_SUBJECT = /^Confirm your email address$/;

/**
 * Waits for the email to `address` (after message `afterId`) that the stack's local SMTP
 * server received from identity, and answers it with its link to the storefront page `page`:
 * the link as a shopper's mail program would open it.
 */
export async function emailedLink(
  stack: TestStack,
  { address, subject, page, afterId = 0 }: { address: string; subject: RegExp; page: 'reset-password' | 'verify-email'; afterId?: number },
): Promise<{ mail: ReceivedMail; link: string }> {
  const mail = await mailTo(stack, address, subject, afterId);
  const link = mail.links.find((url) => url.includes(`/#/${page}/`));
  if (!link) throw new Error(`no ${page} link in "${mail.subject}": ${mail.text}`);
  return { mail, link };
}
