import type { OrderRepository } from '../store/order-repository.js';
import type { StockNotices } from './stock-notices.js';

/**
 * The order repository, announcing every stock move it makes: a placement takes stock, and a
 * transition that gives it back (a decline, a cancellation, recovery releasing an expired hold,
 * a void) returns it. Announced here, after the write, whoever made it (a shopper's request, a
 * webhook, the recovery pass), so catalog's inStock filter follows each within seconds.
 */
export function withStockNotices(orders: OrderRepository, notices: Pick<StockNotices, 'publish'>): OrderRepository {
  return {
    ...orders,
    async place(order, claim) {
      const outcome = await orders.place(order, claim);
      if (outcome.kind === 'placed') await notices.publish(order.lines.map((line) => line.variantId));
      return outcome;
    },
    async transition(order, from, to, change) {
      const written = await orders.transition(order, from, to, change);
      if (change?.returnStock) await notices.publish(written.lines.map((line) => line.variantId));
      return written;
    },
  };
}
