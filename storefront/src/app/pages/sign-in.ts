import { formValues, h, whileBusy } from '../dom.js';
import { href, navigate, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import type { AccountPayload } from '../types.js';
import { showSignedIn } from './signed-in-view.js';

type Field = { name: string; label: string; type: string; autocomplete: string };

const EMAIL: Field = { name: 'email', label: 'Email', type: 'email', autocomplete: 'email' };
const NAME: Field = { name: 'name', label: 'Name', type: 'text', autocomplete: 'name' };

/**
 * `#/sign-in?then=/account/settings`: where to go back to once signed in (the account page
 * sends a customer here when a change needs a fresh sign-in). Only a path of this storefront.
 */
function returnPath(route: Route): string | undefined {
  const then = route.query.get('then');
  return then && /^\/[\w/-]*$/.test(then) ? then : undefined;
}

export function renderSignIn(shop: Shop, route: Route): Promise<Node> {
  const then = returnPath(route);
  return Promise.resolve(
    accountForm(shop, {
      title: 'Sign in',
      fields: [EMAIL, { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }],
      submit: async ({ email = '', password = '' }) => (await shop.api('StorefrontSignIn', { input: { email, password } })).signIn,
      ...(then ? { then } : {}),
      other: h(
        'div',
        {},
        h('p', {}, h('a', { href: href('/forgot-password'), 'data-testid': 'forgot-password-link' }, 'Forgot your password?')),
        h('p', {}, 'New here? ', h('a', { href: href('/sign-up') }, 'Create an account')),
      ),
    }),
  );
}

export function renderSignUp(shop: Shop, _route: Route): Promise<Node> {
  return Promise.resolve(
    accountForm(shop, {
      title: 'Create an account',
      fields: [NAME, EMAIL, { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' }],
      submit: async ({ name = '', email = '', password = '' }) => (await shop.api('StorefrontSignUp', { input: { name, email, password } })).signUp,
      other: h('p', {}, 'Have an account? ', h('a', { href: href('/sign-in') }, 'Sign in')),
    }),
  );
}

/**
 * Sign-in and sign-up share a flow: the account call (the gateway sets the new session cookie
 * and hands this device's guest cart over, reporting what it did), then the customer's cart;
 * or, signing in again for a change that needed it, straight back to `then`.
 */
function accountForm(
  shop: Shop,
  options: { title: string; fields: Field[]; submit: (values: Record<string, string>) => Promise<AccountPayload>; then?: string; other: Node },
): HTMLElement {
  const section = h('section', { class: 'account-form' });
  const form: HTMLFormElement = h(
    'form',
    {
      'data-testid': 'account-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        // Read before the controls are disabled: FormData skips disabled fields.
        const values = formValues(form);
        void whileBusy(form, async () => {
          try {
            const payload = await options.submit(values);
            if (shop.showUserErrors(payload.errors) || !payload.customer) return;
            if (options.then) {
              shop.flash('You are signed in again.');
              navigate(options.then);
              return;
            }
            await showSignedIn(shop, section, payload.customer, payload.cartMerge);
          } catch (error) {
            shop.showFailure(error);
          }
        });
      },
    },
    options.fields.map((field) =>
      h('label', {}, field.label, h('input', { name: field.name, type: field.type, autocomplete: field.autocomplete, required: true })),
    ),
    h('button', { type: 'submit', class: 'primary' }, options.title),
  );
  section.append(h('h1', {}, options.title), form, options.other);
  return section;
}
