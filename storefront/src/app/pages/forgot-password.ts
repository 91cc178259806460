import { h } from '../dom.js';
import { href } from '../router.js';
import type { Shop } from '../shop.js';
import { onSubmit } from './form-submit.js';

/** "Forgot your password?": asks identity to email a reset link (#/reset-password/<token>). */
export function renderForgotPassword(shop: Shop): Promise<Node> {
  const section = h('section', { class: 'account-form' });
  const form = h(
    'form',
    {
      'data-testid': 'forgot-password-form',
      onsubmit: onSubmit(shop, async ({ email = '' }) => {
        const { requestPasswordReset } = await shop.api('RequestPasswordReset', { email: email.trim() });
        if (shop.showUserErrors(requestPasswordReset.errors)) return;
        // Identity answers the same whether or not the address has an account, so this says no more.
        section.replaceChildren(
          h('h1', {}, 'Check your email'),
          h(
            'p',
            { 'data-testid': 'reset-requested' },
            `If an account uses ${email.trim()}, we have sent it a link to choose a new password. The link works once, for 30 minutes.`,
          ),
          h('p', {}, h('a', { href: href('/sign-in') }, 'Back to sign in')),
        );
      }),
    },
    h('label', {}, 'Email', h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true })),
    h('button', { type: 'submit', class: 'primary' }, 'Email me a link'),
  );
  section.append(
    h('h1', {}, 'Forgot your password?'),
    h('p', {}, 'Enter the email address you sign in with, and we will send you a link to choose a new password.'),
    form,
    h('p', {}, h('a', { href: href('/sign-in') }, 'Back to sign in')),
  );
  return Promise.resolve(section);
}
