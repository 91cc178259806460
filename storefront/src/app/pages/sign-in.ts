import { formValues, h, whileBusy } from '../dom.js';
import { href, type Route } from '../router.js';
import type { Shop } from '../shop.js';
import type { AccountPayload, Cart, CartMergeReport } from '../types.js';
import { cartSummary } from './cart-summary.js';

type Field = { name: string; label: string; type: string; autocomplete: string };

const EMAIL: Field = { name: 'email', label: 'Email', type: 'email', autocomplete: 'email' };
const NAME: Field = { name: 'name', label: 'Name', type: 'text', autocomplete: 'name' };

export function renderSignIn(shop: Shop, _route: Route): Promise<Node> {
  return Promise.resolve(
    accountForm(shop, {
      title: 'Sign in',
      fields: [EMAIL, { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }],
      submit: async (values) => (await shop.api<{ signIn: AccountPayload }>('StorefrontSignIn', { input: values })).signIn,
      other: h('p', {}, 'New here? ', h('a', { href: href('/sign-up') }, 'Create an account')),
    }),
  );
}

export function renderSignUp(shop: Shop, _route: Route): Promise<Node> {
  return Promise.resolve(
    accountForm(shop, {
      title: 'Create an account',
      fields: [NAME, EMAIL, { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' }],
      submit: async (values) => (await shop.api<{ signUp: AccountPayload }>('StorefrontSignUp', { input: values })).signUp,
      other: h('p', {}, 'Have an account? ', h('a', { href: href('/sign-in') }, 'Sign in')),
    }),
  );
}

/**
 * Sign-in and sign-up share a flow: the account call (the gateway sets the new session cookie
 * and hands this device's guest cart over, reporting what it did), then the customer's cart.
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
            const payload = await options.submit(values);
            if (shop.showUserErrors(payload.errors) || !payload.customer) return;
            const { cart } = await shop.api<{ cart: Cart | null }>('Cart');
            section.replaceChildren(...signedIn(payload.customer, payload.cartMerge, cart));
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

function signedIn(customer: NonNullable<AccountPayload['customer']>, report: CartMergeReport | null, cart: Cart | null): Node[] {
  return [
    h('h1', { 'data-testid': 'welcome' }, `Welcome, ${customer.name || customer.email}`),
    mergeReport(report, cart),
    h('h2', {}, 'Your cart'),
    cartSummary(cart),
    h('p', {}, h('a', { class: 'button', href: href('/cart') }, 'Go to cart'), ' ', h('a', { href: href('/') }, 'Continue shopping')),
  ];
}

const CAP_REASONS: Record<CartMergeReport['capped'][number]['reason'], string> = {
  LINE_QUANTITY_LIMIT: 'the most one line may hold',
  CART_LINE_LIMIT: 'your cart holds as many different items as it can',
  STOCK: 'no more are in stock',
};

/** What the hand-over of this device's guest cart did, line by line where it had to cut. */
function mergeReport(report: CartMergeReport | null, cart: Cart | null): HTMLElement {
  const box = h('div', { class: 'merge-report', 'data-testid': 'merge-report', 'data-status': report?.status ?? 'NONE' });
  if (!report || report.status === 'NOTHING_TO_MERGE') {
    box.append(h('p', {}, 'Your cart is the same on every device you sign in on.'));
    return box;
  }
  if (report.status === 'PENDING') {
    box.append(h('p', {}, 'We are still moving the items from before you signed in into your cart; they will be there on your next page.'));
    return box;
  }
  const lines = (count: number) => `${count} ${count === 1 ? 'line' : 'lines'}`;
  box.append(
    h(
      'p',
      { 'data-testid': 'merge-summary' },
      `From before you signed in: ${lines(report.linesAdded)} added to your cart` + (report.linesCombined ? `, ${lines(report.linesCombined)} combined with what it held.` : '.'),
    ),
  );
  if (report.capped.length > 0) {
    const titleOf = (variantId: string) => {
      const line = cart?.lines.find((candidate) => candidate.variant.id === variantId);
      return line ? `${line.variant.product.title} (${line.variant.title})` : 'One item';
    };
    box.append(
      h(
        'ul',
        { 'data-testid': 'merge-capped' },
        report.capped.map((cap) => h('li', {}, `${titleOf(cap.variantId)}: ${cap.kept} of ${cap.requested} kept, as ${CAP_REASONS[cap.reason] ?? 'a limit applies'}.`)),
      ),
    );
  }
  return box;
}
