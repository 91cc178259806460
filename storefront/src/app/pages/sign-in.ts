import { formValues, h, whileBusy } from '../dom.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import type { AccountPayload, Cart } from '../types.js';
import { cartSummary } from './cart-summary.js';

type Field = { name: string; label: string; type: string; autocomplete: string };

const EMAIL: Field = { name: 'email', label: 'Email', type: 'email', autocomplete: 'email' };
const NAME: Field = { name: 'name', label: 'Name', type: 'text', autocomplete: 'name' };

export function renderSignIn(shop: Shop, _route: Route): Promise<Node> {
  return Promise.resolve(
    accountForm(shop, {
      title: 'Sign in',
      fields: [EMAIL, { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }],
      submit: async (values) => (await shop.api<{ signIn: AccountPayload }>('SignIn', { input: values })).signIn,
      other: h('p', {}, 'New here? ', h('a', { href: href('/sign-up') }, 'Create an account')),
    }),
  );
}

export function renderSignUp(shop: Shop, _route: Route): Promise<Node> {
  return Promise.resolve(
    accountForm(shop, {
      title: 'Create an account',
      fields: [NAME, EMAIL, { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' }],
      submit: async (values) => (await shop.api<{ signUp: AccountPayload }>('SignUp', { input: values })).signUp,
      other: h('p', {}, 'Have an account? ', h('a', { href: href('/sign-in') }, 'Sign in')),
    }),
  );
}

/**
 * Sign-in and sign-up share a flow: the guest cart of this device is read first, then the
 * account call (the gateway sets the new session cookie and hands the guest cart over), then
 * the customer's cart, shown as the merge's outcome.
 */
function accountForm(
  shop: Shop,
  options: { title: string; fields: Field[]; submit: (values: Record<string, string>) => Promise<AccountPayload>; other: Node },
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
            const guest = (await shop.api<{ cart: Cart | null }>('Cart')).cart;
            const payload = await options.submit(values);
            if (shop.showUserErrors(payload.errors) || !payload.customer) return;
            const { cart } = await shop.api<{ cart: Cart | null }>('Cart');
            section.replaceChildren(...mergeReport(payload.customer, guest, cart));
            await shop.refreshHeader();
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

function mergeReport(customer: NonNullable<AccountPayload['customer']>, guest: Cart | null, cart: Cart | null): Node[] {
  const guestItems = guest?.totalQuantity ?? 0;
  return [
    h('h1', { 'data-testid': 'welcome' }, `Welcome, ${customer.name || customer.email}`),
    h(
      'p',
      { 'data-testid': 'merge-report' },
      guestItems > 0
        ? `The ${guestItems} ${guestItems === 1 ? 'item' : 'items'} you added before signing in are now in your cart, on every device you sign in on.`
        : 'Your cart is the same on every device you sign in on.',
    ),
    h('h2', {}, 'Your cart'),
    cartSummary(cart),
    h('p', {}, h('a', { class: 'button', href: href('/cart') }, 'Go to cart'), ' ', h('a', { href: href('/') }, 'Continue shopping')),
  ];
}
