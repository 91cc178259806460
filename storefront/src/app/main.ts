import { createApi } from './api.js';
import { h } from './dom.js';
import { createHeader } from './header.js';
import { renderAccount } from './pages/account.js';
import { renderAccountSettings } from './pages/account-settings.js';
import { renderBrowse } from './pages/browse.js';
import { renderCart } from './pages/cart.js';
import { renderCheckout } from './pages/checkout.js';
import { renderForgotPassword } from './pages/forgot-password.js';
import { renderOrder } from './pages/order-detail.js';
import { renderOrderPayment } from './pages/order-payment.js';
import { renderOrders } from './pages/orders.js';
import { renderProduct } from './pages/product.js';
import { renderResetPassword } from './pages/reset-password.js';
import { renderSearch } from './pages/search.js';
import { renderSignIn, renderSignUp } from './pages/sign-in.js';
import { renderVerifyEmail } from './pages/verify-email.js';
import { currentRoute, type Route } from './router.js';
import { createNotices, type Shop } from './shop.js';
import { createVerifyBanner } from './verify-banner.js';

type Page = (shop: Shop, route: Route) => Promise<Node>;

const PAGES: Record<string, Page> = {
  '': renderBrowse,
  search: renderSearch,
  product: renderProduct,
  cart: renderCart,
  'sign-in': renderSignIn,
  'sign-up': renderSignUp,
  account: (shop, route) => (route.segments[1] === 'settings' ? renderAccountSettings(shop) : renderAccount(shop)),
  // The routes identity's emails link to (subgraphs/identity/src/mail/account-emails.ts, accountLink).
  'forgot-password': renderForgotPassword,
  'reset-password': renderResetPassword,
  'verify-email': renderVerifyEmail,
  checkout: renderCheckout,
  orders: (shop, route) => {
    if (!route.segments[1]) return renderOrders(shop, route);
    return route.segments[2] === 'pay' ? renderOrderPayment(shop, route) : renderOrder(shop, route);
  },
};

// The gateway's address comes from the page the storefront server renders, never from a build.
const gatewayUrl = document.querySelector<HTMLMetaElement>('meta[name="shopgraph-gateway"]')?.content;
if (!gatewayUrl) throw new Error('the page names no gateway (meta shopgraph-gateway)');

const notices = createNotices(document.getElementById('notices') as HTMLElement);
const main = document.getElementById('page') as HTMLElement;
const header = createHeader(document.getElementById('header') as HTMLElement, () => shop);
const banner = createVerifyBanner(document.getElementById('account-banner') as HTMLElement, () => shop);
const shop: Shop = {
  api: createApi(gatewayUrl),
  ...notices,
  refreshHeader: () =>
    header
      .refresh()
      .then((viewer) => banner.show(viewer.customer))
      .catch((error: unknown) => notices.showFailure(error)),
};

let rendering = 0;
async function render(): Promise<void> {
  const ticket = ++rendering;
  const route = currentRoute();
  const page = PAGES[route.segments[0] ?? ''];
  notices.reset();
  main.setAttribute('aria-busy', 'true');
  let content: Node;
  try {
    content = page ? await page(shop, route) : h('p', {}, 'There is no such page here.');
  } catch (error) {
    shop.showFailure(error);
    content = h('p', {}, 'This page could not be shown.');
  }
  // A later navigation wins over a slower earlier one.
  if (ticket !== rendering) return;
  main.replaceChildren(content);
  main.removeAttribute('aria-busy');
  await shop.refreshHeader();
  // Says which route is fully shown (page and header), for anything that waits on it.
  if (ticket === rendering) document.body.setAttribute('data-rendered', location.hash || '#/');
}

window.addEventListener('hashchange', () => void render());
void render();
