import { h } from '../dom.js';
import type { Shop } from '../shop.js';
import { onSubmit } from './form-submit.js';

const PASSWORD = { type: 'password', required: true } as const;

/**
 * Change the password: identity ends every session of the account and signs this device in
 * again with a new cookie, so the shopper stays here, signed in.
 */
export function changePasswordForm(shop: Shop): HTMLFormElement {
  return h(
    'form',
    {
      class: 'settings-form',
      'data-testid': 'change-password-form',
      onsubmit: onSubmit(shop, async ({ currentPassword = '', newPassword = '' }, form) => {
        const { changePassword } = await shop.api('ChangePassword', { input: { currentPassword, newPassword } });
        if (shop.showUserErrors(changePassword.errors)) return;
        form.reset();
        shop.notify('Your password is changed. You are signed out on every other device.');
      }),
    },
    h('label', {}, 'Current password', h('input', { ...PASSWORD, name: 'currentPassword', autocomplete: 'current-password' })),
    h('label', {}, 'New password', h('input', { ...PASSWORD, name: 'newPassword', autocomplete: 'new-password' })),
    h('button', { type: 'submit' }, 'Change password'),
  );
}

/**
 * Change the email: identity emails a link to the new address, and the account moves to it only
 * when the link is followed (#/verify-email/<token>); until then the shopper signs in as before.
 */
export function changeEmailForm(shop: Shop, currentEmail: string): HTMLFormElement {
  return h(
    'form',
    {
      class: 'settings-form',
      'data-testid': 'change-email-form',
      onsubmit: onSubmit(shop, async ({ newEmail = '', password = '' }, form) => {
        const { changeEmail } = await shop.api('ChangeEmail', { input: { newEmail: newEmail.trim(), password } });
        if (shop.showUserErrors(changeEmail.errors)) return;
        form.reset();
        shop.notify(`We have sent a link to ${newEmail.trim()}. Your account moves to that address once you follow it; until then you sign in with ${currentEmail}.`);
      }),
    },
    h('label', {}, 'New email address', h('input', { name: 'newEmail', type: 'email', autocomplete: 'email', required: true })),
    h('label', {}, 'Your password', h('input', { ...PASSWORD, name: 'password', autocomplete: 'current-password' })),
    h('button', { type: 'submit' }, 'Change email'),
  );
}
