import type { Order, OrderStatus } from '../../src/domain/order.js';
import type { CartClient } from '../../src/peers/cart-client.js';
import type { PaymentProvider } from '../../src/payment/payment-provider.js';
import type { OrderRepository } from '../../src/store/order-repository.js';

/**
 * The points between the steps of an order's life: each is a durable effect (a write, a
 * provider call, a call to cart) that has just happened. A crash test stops the process at
 * each and checks that a replay or recovery finishes the order.
 */
export type OrderStep =
  | 'cart-held'
  | 'order-written'
  | 'charged'
  | 'cart-marked'
  | 'paid-recorded'
  | 'authorized-recorded'
  | 'action-recorded'
  | 'released'
  | 'hold-extended'
  | 'confirmed'
  | 'captured'
  | 'voided'
  | 'cancel-recorded'
  | 'refund-requested'
  | 'refunded'
  | 'refund-recorded'
  | 'fulfilled';

/** The steps of placeOrder itself. */
export type PlaceOrderStep = Extract<OrderStep, 'cart-held' | 'order-written' | 'charged' | 'cart-marked' | 'paid-recorded'>;

/** Stands in for the process dying: thrown where the step's call returns, and by every call after it. */
export class SimulatedCrash extends Error {}

/** The dependencies through which checkout's order steps reach the outside world. */
export interface OrderDependencies {
  orders: OrderRepository;
  carts: CartClient;
  payments: PaymentProvider;
}
type Dependency = keyof OrderDependencies;

type OrderChange = NonNullable<Parameters<OrderRepository['transition']>[3]>;

/** Which call's return is the step, and, where one call serves several steps, which answers. */
interface StepCall {
  dependency: Dependency;
  method: string;
  when?: (args: unknown[], result: unknown) => boolean;
}

/** An order write to `to`, told apart by what it writes. */
const write = (matches: (to: OrderStatus, change: OrderChange, before: Order) => boolean): StepCall => ({
  dependency: 'orders',
  method: 'transition',
  when: ([before, , to, change]) => matches(to as OrderStatus, change ?? {}, before as Order),
});
const isNewRefund = (before: Order, change: OrderChange) => (change.set?.refunds ?? []).some((refund) => refund.status === 'REQUESTED' && !before.refunds.some((old) => old.id === refund.id));
const isSettledRefund = (before: Order, change: OrderChange) =>
  (change.set?.refunds ?? []).some((refund) => refund.status !== 'REQUESTED' && before.refunds.some((old) => old.id === refund.id && old.status !== refund.status));

export const STEP_CALLS: Readonly<Record<OrderStep, StepCall>> = {
  'cart-held': { dependency: 'carts', method: 'hold', when: (_, result) => result === 'held' || result === 'already-held' },
  'order-written': { dependency: 'orders', method: 'place', when: (_, result) => (result as { kind: string }).kind === 'placed' },
  charged: { dependency: 'payments', method: 'authorize' },
  'cart-marked': { dependency: 'carts', method: 'markCheckedOut' },
  'paid-recorded': write((to) => to === 'PAID'),
  'authorized-recorded': write((to, _, before) => to === 'AUTHORIZED' && before.status !== 'AUTHORIZED'),
  'action-recorded': write((to) => to === 'REQUIRES_ACTION'),
  // Declined or voided: the stock goes back in the write that closes the order.
  released: write((to, change) => change.returnStock === true && (to === 'PAYMENT_FAILED' || to === 'CANCELLED')),
  'hold-extended': { dependency: 'carts', method: 'hold' },
  confirmed: { dependency: 'payments', method: 'confirm' },
  captured: { dependency: 'payments', method: 'capture' },
  voided: { dependency: 'payments', method: 'void' },
  'cancel-recorded': write((to) => to === 'CANCELLED'),
  'refund-requested': write((_, change, before) => isNewRefund(before, change)),
  refunded: { dependency: 'payments', method: 'refund' },
  'refund-recorded': write((_, change, before) => isSettledRefund(before, change)),
  fulfilled: write((_, change) => change.set?.fulfillments !== undefined),
};

export interface CrashPoints {
  /** The next call that completes `step` "kills the process" as it returns. */
  arm(step: OrderStep): void;
  /** The step the process died after, until `revive()`. */
  readonly diedAfter: OrderStep | undefined;
  /** A new process: calls go through again, nothing is armed. */
  revive(): void;
  /** The dependencies, with the crash points on them; give these to checkout. */
  wrap: (dependencies: OrderDependencies) => OrderDependencies;
}

/**
 * Crash points on checkout's dependencies, for tests only: no hook in checkout's own code. When
 * the armed step's call returns, the call throws SimulatedCrash instead, and from then on every
 * call through these dependencies throws too, as if the process had died: whatever the
 * request's own error handling tries next (a write, a provider call, a call to cart) never
 * reaches the outside world. `revive()` stands for the replica that takes over.
 */
export function createCrashPoints(): CrashPoints {
  let armed: OrderStep | undefined;
  let diedAfter: OrderStep | undefined;

  const wrapOne = <T extends object>(dependency: Dependency, target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (diedAfter) throw new SimulatedCrash(`the process died after ${diedAfter}`);
          const returned: unknown = Reflect.apply(value, object, args);
          if (!(returned instanceof Promise)) return returned;
          return returned.then((result: unknown) => {
            const step = armed;
            const call = step && STEP_CALLS[step];
            if (step && call && call.dependency === dependency && call.method === property && (call.when?.(args, result) ?? true)) {
              armed = undefined;
              diedAfter = step;
              throw new SimulatedCrash(`simulated crash after ${step}`);
            }
            return result;
          });
        };
      },
    });

  return {
    arm(step) {
      armed = step;
    },
    get diedAfter() {
      return diedAfter;
    },
    revive() {
      armed = undefined;
      diedAfter = undefined;
    },
    wrap: ({ orders, carts, payments }) => ({ orders: wrapOne('orders', orders), carts: wrapOne('carts', carts), payments: wrapOne('payments', payments) }),
  };
}
