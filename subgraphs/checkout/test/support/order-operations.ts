import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Session } from '@shopgraph/shared';
import { randomUUID } from 'node:crypto';
import { ownerOf } from '../../src/domain/order.js';
import type { PaymentEvent } from '../../src/payment/payment-provider.js';
import { TEST_PAYMENT_TOKENS } from '../../src/payment/test-provider/test-payment-tokens.js';
import { TEST_SIGNATURE_HEADER, webhookBody } from '../../src/payment/test-provider/test-webhook-format.js';
import { signWebhook } from '../../src/payment/webhook-signature.js';
import { newAdminSession, newSession, type CheckoutHarness } from './checkout-harness.js';

/** What the tests read of an order, as the storefront's OrderDetail and the admin's AdminOrder do. */
const ORDER_FIELDS = /* GraphQL */ `
  id status holdExpiresAt
  lines { id quantity fulfilledQuantity variant { id } }
  total { amount currencyCode }
  payment { action { clientSecret redirectUrl } authorized { amount } captured { amount } refunded { amount } }
  payments { type status amount { amount } reference createdAt }
  fulfillments { id trackingCode lines { quantity line { id } } }
  refunds { id amount { amount } reason status }
`;
const PAYLOAD = `{ order { ${ORDER_FIELDS} } errors { code message field } }`;

export interface OrderView {
  id: string;
  status: string;
  holdExpiresAt: string | null;
  lines: { id: string; quantity: number; fulfilledQuantity: number; variant: { id: string } }[];
  total: { amount: number; currencyCode: string };
  payment: { action: { clientSecret: string | null; redirectUrl: string | null } | null; authorized: { amount: number }; captured: { amount: number }; refunded: { amount: number } } | null;
  payments: { type: string; status: string; amount: { amount: number }; reference: string; createdAt: string }[];
  fulfillments: { id: string; trackingCode: string | null; lines: { quantity: number; line: { id: string } }[] }[];
  refunds: { id: string; amount: { amount: number }; reason: string; status: string }[];
}

export interface Payload {
  order: OrderView | null;
  errors: { code: string; message: string; field: string[] | null }[];
}

const OPERATIONS = {
  placeOrder: `mutation ($input: PlaceOrderInput!, $key: String!) { result: placeOrder(input: $input, idempotencyKey: $key) ${PAYLOAD} }`,
  confirmPayment: `mutation ($orderId: ID!) { result: confirmPayment(orderId: $orderId) ${PAYLOAD} }`,
  cancelOrder: `mutation ($id: ID!) { result: cancelOrder(id: $id) ${PAYLOAD} }`,
  capturePayment: `mutation ($orderId: ID!, $amount: MoneyInput) { result: capturePayment(orderId: $orderId, amount: $amount) ${PAYLOAD} }`,
  fulfillOrder: `mutation ($orderId: ID!, $lines: [FulfillmentLineInput!]!, $trackingCode: String, $key: String!) {
    result: fulfillOrder(orderId: $orderId, lines: $lines, trackingCode: $trackingCode, idempotencyKey: $key) ${PAYLOAD}
  }`,
  refundOrder: `mutation ($orderId: ID!, $amount: MoneyInput!, $reason: String!, $key: String!) {
    result: refundOrder(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $key) ${PAYLOAD}
  }`,
  order: `query ($id: ID!) { result: order(id: $id) { ${ORDER_FIELDS} } }`,
  adminOrder: `query ($id: ID!) { result: adminOrder(id: $id) { ${ORDER_FIELDS} } }`,
  adminOrders: `query ($status: OrderStatus, $first: Int!, $after: String) {
    result: adminOrders(status: $status, first: $first, after: $after) { edges { cursor node { id status } } pageInfo { hasNextPage endCursor } }
  }`,
} as const;

export const orderInput = (token: string = TEST_PAYMENT_TOKENS.success) => ({
  email: 'buyer@example.com',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Springfield', postalCode: '12345', countryCode: 'US' },
  shippingMethodId: 'standard',
  payment: { token },
});

/** The order flows as the storefront and the back office send them, over one harness. */
export function orderFlows(h: CheckoutHarness, fileTag: string) {
  let seq = 0;
  const admin = newAdminSession();
  async function send<T>(operation: keyof typeof OPERATIONS, variables: Record<string, unknown>, session: Session) {
    const answer = await h.request<{ result: T }>(OPERATIONS[operation], variables, session);
    if (!answer.data || answer.errors?.length) throw Object.assign(new Error(`${operation}: ${JSON.stringify(answer.errors)}`), { code: answer.errors?.[0]?.extensions?.code });
    return answer.data.result;
  }
  const errorCode = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'answered';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  return {
    admin,
    errorCode,
    /** Variants of their own, each with stock and a price of 1000. */
    async stocked(count: number, quantity: number) {
      const ids = Array.from({ length: count }, () => `${fileTag}_${seq++}`);
      for (const id of ids) h.prices.set(id, { amount: 1000, currencyCode: 'USD' });
      await h.inventory.putQuantities(new Map(ids.map((id) => [id, quantity])));
      return ids;
    },
    stockOf: async (id: string) => (await h.inventory.quantitiesByVariantIds([id])).get(id),
    /** A shopper with a cart of these variants (1 unit each, unless given). */
    shopper(lines: { variantId: string; quantity?: number }[], session: Session = newSession()) {
      const cart = h.cart.give(ownerOf(session), lines.map(({ variantId, quantity = 1 }) => ({ variantId, quantity })));
      return { session, cart };
    },
    place: (session: Session, token: string = TEST_PAYMENT_TOKENS.success, key: string = randomUUID()) => send<Payload>('placeOrder', { input: orderInput(token), key }, session),
    confirm: (session: Session, orderId: string) => send<Payload>('confirmPayment', { orderId }, session),
    cancel: (session: Session, id: string) => send<Payload>('cancelOrder', { id }, session),
    capture: (orderId: string, amount?: number, session: Session = admin) =>
      send<Payload>('capturePayment', { orderId, ...(amount === undefined ? {} : { amount: { amount, currencyCode: 'USD' } }) }, session),
    fulfill: (orderId: string, lines: { lineId?: string; variantId?: string; quantity: number }[], key: string = randomUUID(), trackingCode?: string, session: Session = admin) =>
      send<Payload>('fulfillOrder', { orderId, lines, key, ...(trackingCode ? { trackingCode } : {}) }, session),
    refund: (orderId: string, amount: number, key: string = randomUUID(), reason = 'Damaged in transit', session: Session = admin) =>
      send<Payload>('refundOrder', { orderId, amount: { amount, currencyCode: 'USD' }, reason, key }, session),
    order: (session: Session, id: string) => send<OrderView | null>('order', { id }, session),
    adminOrder: (id: string, session: Session = admin) => send<OrderView | null>('adminOrder', { id }, session),
    adminOrders: (variables: { status?: string; first: number; after?: string }, session: Session = admin) =>
      send<{ edges: { cursor: string; node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>('adminOrders', variables, session),
    /** Posts an event to the webhook route, signed as the test provider signs it. */
    async postEvent(fields: Partial<PaymentEvent> & Pick<PaymentEvent, 'type' | 'orderId'>) {
      const body = webhookBody({ id: `evt_test_${randomUUID()}`, paymentReference: 'pay_test_x', occurredAt: new Date().toISOString(), ...fields });
      const response = await fetch(h.url.replace(/\/graphql$/, '/webhooks/payments'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TEST_SIGNATURE_HEADER]: signWebhook(body, h.webhookSecret) },
        body,
      });
      return { status: response.status, ...((await response.json()) as { outcome?: string; error?: string }) };
    },
    /** The types of the webhook events checkout recorded for the order, sorted. */
    async webhookTypes(orderId: string) {
      const { Items = [] } = await h.tables.client.send(
        new ScanCommand({ TableName: h.tables.names.checkout, FilterExpression: 'entity = :e AND orderId = :o', ExpressionAttributeValues: { ':e': 'WebhookEvent', ':o': orderId } }),
      );
      return Items.map((item) => item['type'] as string).sort();
    },
    /** The provider's own record of the order's payment. */
    ledger: (orderId: string) => h.payments.lookup(orderId, new AbortController().signal),
    /** A moment past the order's hold: for recovery passes that must find it expired. */
    async pastHold(orderId: string) {
      const { holdExpiresAt } = (await h.orders.get(orderId))!;
      return new Date(Date.parse(holdExpiresAt!) + 1_000);
    },
  };
}
