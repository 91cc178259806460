import { h } from '../dom.js';
import { formatDateTime } from '../money.js';
import { href, navigate } from '../router.js';
import type { Shop } from '../shop.js';
import type { Viewer } from '../types.js';

/** Who is signed in, their sessions (revoke any other), sign out here or everywhere. */
export async function renderAccount(shop: Shop): Promise<Node> {
  const { viewer } = await shop.api('Viewer');
  if (!viewer.isAuthenticated || !viewer.customer) {
    return h('section', {}, h('h1', {}, 'Your account'), h('p', { 'data-testid': 'signed-out' }, 'You are not signed in. ', h('a', { href: href('/sign-in') }, 'Sign in')));
  }
  const signOut = async (operation: 'SignOut' | 'SignOutEverywhere', message: string) => {
    try {
      await shop.api(operation);
      shop.flash(message);
      navigate('/');
    } catch (error) {
      shop.showFailure(error);
    }
  };
  return h(
    'section',
    { class: 'account' },
    h('h1', {}, 'Your account'),
    h('p', { 'data-testid': 'customer' }, `${viewer.customer.name} · ${viewer.customer.email}`),
    h('p', {}, h('a', { href: href('/account/settings'), 'data-testid': 'account-settings-link' }, 'Account settings: email, password and addresses')),
    h(
      'p',
      {},
      h('button', { type: 'button', 'data-testid': 'sign-out', onclick: () => void signOut('SignOut', 'You are signed out on this device.') }, 'Sign out'),
      ' ',
      h(
        'button',
        { type: 'button', 'data-testid': 'sign-out-everywhere', onclick: () => void signOut('SignOutEverywhere', 'You are signed out on every device.') },
        'Sign out everywhere',
      ),
    ),
    h('h2', {}, 'Where you are signed in'),
    sessionTable(shop, viewer.sessions),
  );
}

function sessionTable(shop: Shop, sessions: Viewer['sessions']): HTMLElement {
  const revoke = async (id: string, row: HTMLElement) => {
    try {
      const { revokeSession } = await shop.api('RevokeSession', { id });
      if (revokeSession) {
        row.remove();
        shop.notify('That session is signed out.');
      } else shop.notify('That session had already ended.', 'error');
    } catch (error) {
      shop.showFailure(error);
    }
  };
  return h(
    'table',
    { 'data-testid': 'sessions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Device'), h('th', {}, 'Signed in'), h('th', {}, 'Last seen'), h('th', {}, ''))),
    h(
      'tbody',
      {},
      sessions.map((session) => {
        const row: HTMLElement = h(
          'tr',
          { 'data-testid': 'session', 'data-current': String(session.current) },
          h('td', {}, session.userAgent ?? 'Unknown device', session.current ? h('strong', {}, ' (this device)') : null),
          h('td', {}, formatDateTime(session.createdAt)),
          h('td', {}, session.lastSeenAt ? formatDateTime(session.lastSeenAt) : '–'),
          h(
            'td',
            {},
            session.current ? null : h('button', { type: 'button', 'data-testid': 'revoke-session', onclick: () => void revoke(session.id, row) }, 'Sign out this device'),
          ),
        );
        return row;
      }),
    ),
  );
}
