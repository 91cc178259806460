import { h } from '../dom.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import { onSubmit } from './form-submit.js';
import { showSignedIn } from './signed-in-view.js';

/**
 * `#/reset-password/<token>`, the page a reset email links to: a new password. Identity ends
 * every session of the account and signs this device in, handing its guest cart over as a
 * sign-in does; the page then shows what a sign-in shows. The token stays in the fragment, so
 * it never reaches a server.
 */
export function renderResetPassword(shop: Shop, route: Route): Promise<Node> {
  const token = route.segments[1] ?? '';
  const askAgain = h('p', {}, 'Link not working? ', h('a', { href: href('/forgot-password'), 'data-testid': 'ask-new-link' }, 'Ask for a new one'));
  const section = h('section', { class: 'account-form' }, h('h1', {}, 'Choose a new password'));
  if (!token) {
    section.append(h('p', {}, 'Open this page with the link from the email we sent you.'), askAgain);
    return Promise.resolve(section);
  }
  const form = h(
    'form',
    {
      'data-testid': 'reset-password-form',
      onsubmit: onSubmit(shop, async ({ newPassword = '' }) => {
        const { resetPassword } = await shop.api('StorefrontResetPassword', { input: { token, newPassword } });
        if (shop.showUserErrors(resetPassword.errors) || !resetPassword.customer) return;
        shop.notify('Your password is changed. You are signed in here, and signed out on every other device.');
        await showSignedIn(shop, section, resetPassword.customer, resetPassword.cartMerge);
      }),
    },
    h('label', {}, 'New password', h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true })),
    h('button', { type: 'submit', class: 'primary' }, 'Set the new password'),
  );
  section.append(form, askAgain);
  return Promise.resolve(section);
}
