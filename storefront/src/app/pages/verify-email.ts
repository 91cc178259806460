import { h } from '../dom.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';

/**
 * `#/verify-email/<token>`, the page a verification email links to (after sign-up, or to move
 * the account to a new address). It needs no session: the link proves the mailbox. The shopper
 * confirms with a click rather than on opening, since the link is single-use: a reload, the
 * Back button, or a mail scanner that opens links must not spend it and then show "used".
 */
export function renderVerifyEmail(shop: Shop, route: Route): Promise<Node> {
  const token = route.segments[1] ?? '';
  const section = h('section', { class: 'account-form' }, h('h1', {}, 'Confirm your email address'));
  if (!token) {
    section.append(h('p', {}, 'Open this page with the link from the email we sent you.'));
    return Promise.resolve(section);
  }
  const confirm: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-testid': 'confirm-email',
      onclick: () => {
        shop.clearNotices();
        confirm.disabled = true;
        void verify(shop, token)
          .then((email) => {
            if (!email) return;
            section.replaceChildren(
              h('h1', {}, 'Email address confirmed'),
              h('p', { 'data-testid': 'email-verified' }, `Thank you: ${email} is confirmed.`),
              h('p', {}, h('a', { href: href('/account') }, 'Your account'), ' ', h('a', { href: href('/') }, 'Continue shopping')),
            );
            // The banner asking for this goes with the header's next read.
            return shop.refreshHeader();
          })
          .finally(() => {
            confirm.disabled = false;
          });
      },
    },
    'Confirm my email address',
  );
  section.append(h('p', {}, 'Confirm that this address is yours.'), h('p', {}, confirm));
  return Promise.resolve(section);
}

/** The address now confirmed, or null once what stood in the way (INVALID_LINK, EMAIL_TAKEN) is shown. */
async function verify(shop: Shop, token: string): Promise<string | null> {
  try {
    const { verifyEmail } = await shop.api('VerifyEmail', { token });
    if (shop.showUserErrors(verifyEmail.errors)) return null;
    return verifyEmail.email;
  } catch (error) {
    shop.showFailure(error);
    return null;
  }
}
