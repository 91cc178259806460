import type { Logger } from '@shopgraph/shared';
import type { CartClient } from '../peers/cart-client.js';
import type { PaymentProvider } from '../payment/payment-provider.js';
import type { OrderRepository } from '../store/order-repository.js';

/** How long each wait of an order lasts; from configuration, the same on every replica. */
export interface OrderTiming {
  /** The deadline of each provider call; it aborts the call. */
  paymentTimeoutMs: number;
  /** A pending payment older than this is recovery's to settle. */
  orderPendingTimeoutMs: number;
  /** How long an unpaid order holds its stock and cart for the shopper to pay; confirmPayment restarts it. */
  stockHoldMs: number;
  /** How long an authorised, uncaptured order holds its stock before recovery voids it. */
  authorizationHoldMs: number;
  /** How much longer than the order's hold the cart stays held: time for recovery to release the order first. */
  cartHoldMarginMs: number;
}

/** What every step of an order's life works with; one request's (or one recovery pass's) worth. */
export interface OrderDeps {
  orders: OrderRepository;
  carts: CartClient;
  payments: PaymentProvider;
  logger: Logger;
  requestId: string;
  timing: OrderTiming;
}

export const later = (from: Date | string, ms: number): string => new Date(new Date(from).getTime() + ms).toISOString();
