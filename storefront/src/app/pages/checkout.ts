import { formValues, h, whileBusy } from '../dom.js';
import { formatMoney } from '../money.js';
import { href, navigate } from '../router.js';
import type { Shop } from '../shop.js';
import { activeCart, isPendingOrder, type Cart } from '../types.js';
import { addressFields, addressInput } from './address-fields.js';
import { cartSummary } from './cart-summary.js';
import { rememberPlacedOrder } from './order-detail.js';
import { orderPath, orderPaymentPath } from './order-links.js';

/** The payment provider's test tokens (README: payment test tokens); no real card exists here. */
const TEST_CARDS = [
  { token: 'tok_test_success', label: 'Test card: approved' },
  { token: 'tok_test_3ds', label: 'Test card: bank asks to confirm (3-D Secure)' },
  { token: 'tok_test_decline', label: 'Test card: declined' },
  { token: 'tok_test_error', label: 'Test card: provider fails (nothing charged)' },
  { token: 'tok_test_timeout', label: 'Test card: provider does not answer' },
] as const;

/**
 * One idempotency key per distinct order input: resubmitting the same form (after a timeout,
 * a lost answer) reuses the key, so the order is placed and charged at most once; changing
 * anything (another card) is a new attempt with a new key.
 */
const keysByInput = new Map<string, string>();

export async function renderCheckout(shop: Shop): Promise<Node> {
  const [{ cart: shown }, { shippingMethods }, { viewer }] = await Promise.all([
    shop.api('Cart'),
    shop.api('ShippingMethods'),
    shop.api('AccountSettings'),
  ]);
  if (isPendingOrder(shown)) {
    return h(
      'section',
      {},
      h('h1', {}, 'Checkout'),
      cartSummary(shown),
      h(
        'p',
        { class: 'notice', 'data-testid': 'checkout-pending' },
        'An order for this cart is already being paid. ',
        h('a', { href: href('/cart') }, 'See your cart'),
        ' to finish or cancel it.',
      ),
    );
  }
  const cart = activeCart(shown);
  if (!cart || cart.lines.length === 0) return h('section', {}, h('h1', {}, 'Checkout'), cartSummary(cart), h('a', { href: href('/') }, 'Continue shopping'));
  const customer = viewer.customer;
  // The form starts from the default shipping address rather than offering a choice of saved
  // addresses sent as shippingAddressId: the shopper sees and may correct exactly where this
  // order goes (a change here is for this order only; the book stays as it is), the form is the
  // same one a guest fills in, and no saved id can go stale (ADDRESS_NOT_FOUND) if the address is
  // removed on another device meanwhile. Another saved address is one "make default" away.
  const shipTo = customer?.defaultShippingAddress ?? { name: customer?.name ?? '' };

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'checkout',
      'data-testid': 'checkout-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        // Read before the controls are disabled: FormData skips disabled fields.
        const values = formValues(form);
        void whileBusy(form, () => placeOrder(shop, values, cart));
      },
    },
    h('label', {}, 'Email', h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true, value: customer?.email ?? '' })),
    h(
      'fieldset',
      { 'data-testid': 'shipping-address' },
      h('legend', {}, 'Shipping address'),
      addressFields(shipTo),
      customer ? h('p', { class: 'muted' }, h('a', { href: href('/account/settings') }, 'Your saved addresses')) : null,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Shipping'),
      shippingMethods.map((method, index) =>
        h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'shippingMethodId', value: method.id, checked: index === 0, required: true }), `${method.name} · ${formatMoney(method.price)}`),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Payment'),
      TEST_CARDS.map((card, index) =>
        h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'paymentToken', value: card.token, checked: index === 0, required: true }), card.label),
      ),
    ),
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'place-order' }, `Place order`),
  );
  return h('section', { class: 'checkout-page' }, h('h1', {}, 'Checkout'), cartSummary(cart), form);
}

async function placeOrder(shop: Shop, values: Record<string, string>, cart: Cart): Promise<void> {
  const { email = '', shippingMethodId = '', paymentToken = '' } = values;
  const input = {
    email,
    shippingAddress: addressInput(values),
    shippingMethodId,
    payment: { token: paymentToken },
    cartVersion: cart.version,
  };
  const inputKey = JSON.stringify(input);
  const idempotencyKey = keysByInput.get(inputKey) ?? crypto.randomUUID();
  keysByInput.set(inputKey, idempotencyKey);
  try {
    // The storefront's PlaceOrder: it also answers what a 3-D Secure payment needs (payment.action).
    const { placeOrder } = await shop.api('StorefrontPlaceOrder', { input, idempotencyKey });
    if (shop.showUserErrors(placeOrder.errors) || !placeOrder.order) return;
    keysByInput.clear();
    const { order } = placeOrder;
    if (order.status === 'REQUIRES_ACTION') {
      navigate(orderPaymentPath(order.id));
      return;
    }
    rememberPlacedOrder(order.id);
    navigate(orderPath(order.id));
  } catch (error) {
    shop.showFailure(error);
  }
}
