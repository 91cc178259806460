import type { HeaderViewer } from './account-types.js';
import { h } from './dom.js';
import { href, navigate } from './router.js';
import type { Shop } from './shop.js';
import { shownCart } from './types.js';

/** The header: search, navigation, who is signed in and how many items the cart holds. */
export function createHeader(container: HTMLElement, getShop: () => Shop) {
  const account = h('span', { class: 'account', 'data-testid': 'account' });
  const cartLink = h('a', { href: href('/cart'), 'data-testid': 'cart-link' }, 'Cart');
  const search = h('input', { type: 'search', name: 'q', placeholder: 'Search products', 'aria-label': 'Search products' });
  const form = h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (search.value.trim()) navigate('/search', { q: search.value.trim() });
      },
    },
    search,
    h('button', { type: 'submit' }, 'Search'),
  );
  container.replaceChildren(
    h('a', { class: 'brand', href: href('/') }, 'shopgraph'),
    form,
    h('nav', {}, h('a', { href: href('/') }, 'Shop'), h('a', { href: href('/orders') }, 'Orders'), account, cartLink),
  );

  return {
    /** Re-reads who is signed in and the cart; answers the viewer for what else shows it (the verification banner). */
    async refresh(): Promise<HeaderViewer> {
      const { api } = getShop();
      const [{ viewer }, cart] = await Promise.all([api('StorefrontViewer'), api('Cart')]);
      const customer = viewer.customer;
      account.replaceChildren(
        customer
          ? h('a', { href: href('/account'), 'data-testid': 'signed-in-as' }, customer.name || customer.email)
          : h('a', { href: href('/sign-in'), 'data-testid': 'sign-in-link' }, 'Sign in'),
      );
      // A cart under an order being paid still counts: its lines come back if the payment fails.
      const count = shownCart(cart.cart)?.totalQuantity ?? 0;
      cartLink.replaceChildren('Cart ', h('span', { class: 'badge', 'data-testid': 'cart-count' }, String(count)));
      return viewer;
    },
  };
}
