import { h } from '../dom.js';
import { href } from '../router.js';
import type { Shop } from '../shop.js';
import type { AccountPayload, Cart, CartMergeReport } from '../types.js';
import { cartSummary } from './cart-summary.js';

/**
 * What a device that has just signed in shows (sign-in, sign-up, a password reset) in place of
 * `section`: the welcome, what the hand-over of its guest cart did, and the cart now; then the
 * header catches up.
 */
export async function showSignedIn(shop: Shop, section: HTMLElement, customer: NonNullable<AccountPayload['customer']>, report: CartMergeReport | null): Promise<void> {
  const { cart } = await shop.api('Cart');
  section.replaceChildren(...signedIn(customer, report, cart));
  await shop.refreshHeader();
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
