import { h } from '../dom.js';
import { href } from '../router.js';
import type { Shop } from '../shop.js';
import { addressBook } from './address-book.js';
import { changeEmailForm, changePasswordForm } from './credential-forms.js';

/**
 * `#/account/settings`: the signed-in customer's email (and whether it is confirmed), password
 * and address book. A password or email change needs a recent sign-in; when it is too old the
 * notice links to sign-in, which comes back here.
 */
export async function renderAccountSettings(shop: Shop): Promise<Node> {
  const { viewer } = await shop.api('AccountSettings');
  const customer = viewer.customer;
  if (!customer) {
    return h(
      'section',
      {},
      h('h1', {}, 'Account settings'),
      h('p', { 'data-testid': 'signed-out' }, 'You are not signed in. ', h('a', { href: href('/sign-in', { then: '/account/settings' }) }, 'Sign in')),
    );
  }
  return h(
    'section',
    { class: 'account-settings' },
    h('h1', {}, 'Account settings'),
    h('p', {}, h('a', { href: href('/account') }, 'Your account and where you are signed in')),
    h('h2', {}, 'Email address'),
    h(
      'p',
      { 'data-testid': 'current-email', 'data-verified': String(customer.emailVerified) },
      `You sign in with ${customer.email}`,
      customer.emailVerified ? ' (confirmed).' : ' (not confirmed yet).',
    ),
    changeEmailForm(shop, customer.email),
    h('h2', {}, 'Password'),
    changePasswordForm(shop),
    h('h2', {}, 'Address book'),
    addressBook(shop, customer.addresses),
  );
}
