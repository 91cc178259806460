import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The few Stripe API endpoints the adapter calls, answered locally from Stripe's documented
 * object shapes (PaymentIntent, Refund, list, search_result, error), so the adapter runs
 * through the real SDK without reaching the internet. Idempotency keys are honoured as Stripe
 * does: the same key and parameters replay the first answer, other parameters are an
 * `idempotency_error`.
 *
 * Test payment methods: Stripe's `pm_card_visa`, `pm_card_visa_chargeDeclined`,
 * `pm_card_authenticationRequired`; and this stand-in's own `pm_fake_processing` (settles
 * shortly after), `pm_fake_api_error` (500, nothing created), `pm_fake_slow` (created, then the
 * answer is held until the client gives up) and `pm_fake_capture_declined`.
 */
export const FAKE_STRIPE_METHODS = {
  success: 'pm_card_visa',
  decline: 'pm_card_visa_chargeDeclined',
  threeDSecure: 'pm_card_authenticationRequired',
  processing: 'pm_fake_processing',
  apiError: 'pm_fake_api_error',
  slow: 'pm_fake_slow',
  captureDeclined: 'pm_fake_capture_declined',
} as const;

/** How long a processing PaymentIntent stays processing. */
const PROCESSING_MS = 50;

interface Intent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status: string;
  capture_method: string;
  confirmation_method: string;
  client_secret: string;
  metadata: Record<string, string>;
  next_action: { type: string; use_stripe_sdk?: Record<string, unknown> } | null;
  last_payment_error: { type: string; code: string; decline_code?: string; message: string } | null;
  latest_charge: string | null;
  payment_method: string;
  cancellation_reason: string | null;
  created: number;
  livemode: false;
}

interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  status: string;
  payment_intent: string;
  charge: string | null;
  metadata: Record<string, string>;
  created: number;
}

export interface FakeStripeApi {
  api: { host: string; port: number; protocol: 'http' };
  /** Stripe.js finishing the 3-D Secure challenge: the PaymentIntent waits for the server's confirmation. */
  completeAction(paymentIntentId: string): void;
  /** Requests seen, as "METHOD /path". */
  requests: string[];
  stop(): Promise<void>;
}

type Answer = { status: number; body: unknown };

export async function startFakeStripeApi(secretKey: string): Promise<FakeStripeApi> {
  const intents = new Map<string, Intent & { settleAt?: number }>();
  const refunds: Refund[] = [];
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  const requests: string[] = [];
  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
  const now = () => Math.floor(Date.now() / 1000);
  const error = (status: number, fields: Record<string, unknown>): Answer => ({ status, body: { error: { message: 'request failed', ...fields } } });
  const unexpectedState = (intent: Intent) =>
    error(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent's status is ${intent.status}.` });

  /** Settles processing intents whose time has come, on any read. */
  const current = (intent: (Intent & { settleAt?: number }) | undefined) => {
    if (intent?.status === 'processing' && intent.settleAt !== undefined && Date.now() >= intent.settleAt) succeed(intent);
    return intent;
  };
  const succeed = (intent: Intent) => {
    intent.next_action = null;
    intent.latest_charge = id('ch');
    if (intent.capture_method === 'manual') {
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
    } else {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
    }
  };

  function createIntent(params: URLSearchParams): Answer & { hold?: boolean } {
    const amount = Number(params.get('amount'));
    if (!Number.isInteger(amount) || amount <= 0) return error(400, { type: 'invalid_request_error', param: 'amount', message: 'Invalid positive integer' });
    const method = params.get('payment_method') ?? '';
    if (!(Object.values(FAKE_STRIPE_METHODS) as string[]).includes(method)) {
      return error(400, { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method', message: `No such PaymentMethod: '${method}'` });
    }
    if (method === FAKE_STRIPE_METHODS.apiError) return error(500, { type: 'api_error', message: 'An unknown error occurred' });
    const intentId = id('pi');
    const intent: Intent & { settleAt?: number } = {
      id: intentId,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: params.get('currency') ?? 'usd',
      status: 'requires_payment_method',
      capture_method: params.get('capture_method') ?? 'automatic',
      confirmation_method: params.get('confirmation_method') ?? 'automatic',
      client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
      metadata: metadataOf(params),
      next_action: null,
      last_payment_error: null,
      latest_charge: null,
      payment_method: method,
      cancellation_reason: null,
      created: now(),
      livemode: false,
    };
    intents.set(intentId, intent);
    if (params.get('confirm') !== 'true') return { status: 200, body: intent };
    switch (method) {
      case FAKE_STRIPE_METHODS.decline:
        intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
        intent.latest_charge = id('ch');
        return error(402, { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_intent: intent });
      case FAKE_STRIPE_METHODS.threeDSecure:
        intent.status = 'requires_action';
        intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
        return { status: 200, body: intent };
      case FAKE_STRIPE_METHODS.processing:
        intent.status = 'processing';
        intent.settleAt = Date.now() + PROCESSING_MS;
        return { status: 200, body: intent };
      default:
        succeed(intent);
        return { status: 200, body: intent, ...(method === FAKE_STRIPE_METHODS.slow ? { hold: true } : {}) };
    }
  }

  function route(method: string, path: string, params: URLSearchParams): Answer & { hold?: boolean } {
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(params);
    if (method === 'GET' && path === '/v1/payment_intents/search') {
      const orderId = /^metadata\['(\w+)'\]:'([^']*)'$/.exec(params.get('query') ?? '');
      if (!orderId) return error(400, { type: 'invalid_request_error', param: 'query', message: 'Invalid search query' });
      const data = [...intents.values()].map(current).filter((intent) => intent!.metadata[orderId[1]!] === orderId[2]).reverse();
      return { status: 200, body: { object: 'search_result', data, has_more: false, next_page: null, url: path } };
    }
    if (method === 'GET' && path === '/v1/refunds') {
      const data = refunds.filter((refund) => refund.payment_intent === params.get('payment_intent')).reverse();
      return { status: 200, body: { object: 'list', data, has_more: false, url: path } };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = current(intents.get(params.get('payment_intent') ?? ''));
      if (!intent) return error(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_intent', message: 'No such payment_intent' });
      const refunded = refunds.filter((refund) => refund.payment_intent === intent.id).reduce((sum, refund) => sum + refund.amount, 0);
      const amount = params.has('amount') ? Number(params.get('amount')) : intent.amount_received - refunded;
      if (intent.status !== 'succeeded' || amount > intent.amount_received - refunded) {
        return error(400, { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: 'Refund amount is greater than unrefunded amount on charge' });
      }
      const refund: Refund = {
        id: id('re'),
        object: 'refund',
        amount,
        currency: intent.currency,
        status: 'succeeded',
        payment_intent: intent.id,
        charge: intent.latest_charge,
        metadata: metadataOf(params),
        created: now(),
      };
      refunds.push(refund);
      return { status: 200, body: refund };
    }
    const match = /^\/v1\/payment_intents\/(pi_\w+)(?:\/(confirm|capture|cancel))?$/.exec(path);
    const intent = current(match ? intents.get(match[1]!) : undefined);
    if (!match || !intent) return error(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'intent', message: 'No such payment_intent' });
    const action = match[2];
    if (method === 'GET' && !action) return { status: 200, body: intent };
    if (method !== 'POST') return error(404, { type: 'invalid_request_error', message: 'Unrecognized request URL' });
    switch (action) {
      case 'confirm':
        if (intent.status === 'requires_action') return { status: 200, body: intent };
        if (intent.status !== 'requires_confirmation') return unexpectedState(intent);
        succeed(intent);
        return { status: 200, body: intent };
      case 'capture': {
        if (intent.status !== 'requires_capture') return unexpectedState(intent);
        const amount = params.has('amount_to_capture') ? Number(params.get('amount_to_capture')) : intent.amount_capturable;
        if (amount > intent.amount_capturable) {
          return error(400, { type: 'invalid_request_error', param: 'amount_to_capture', message: 'Amount to capture must be less than or equal to the amount capturable' });
        }
        if (intent.payment_method === FAKE_STRIPE_METHODS.captureDeclined) {
          return error(402, { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_intent: intent });
        }
        intent.status = 'succeeded';
        intent.amount_received = amount;
        intent.amount_capturable = 0;
        return { status: 200, body: intent };
      }
      case 'cancel':
        if (intent.status === 'succeeded' || intent.status === 'canceled') return unexpectedState(intent);
        intent.status = 'canceled';
        intent.amount_capturable = 0;
        intent.next_action = null;
        intent.cancellation_reason = params.get('cancellation_reason') ?? 'requested_by_customer';
        return { status: 200, body: intent };
      default:
        return error(404, { type: 'invalid_request_error', message: 'Unrecognized request URL' });
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake-stripe');
      const method = req.method ?? 'GET';
      requests.push(`${method} ${url.pathname}`);
      const send = ({ status, body }: Answer) => res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${secretKey}`) {
        send(error(401, { type: 'invalid_request_error', message: 'Invalid API Key provided' }));
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const params = new URLSearchParams(method === 'GET' ? url.search : raw);
      const key = req.headers['idempotency-key'];
      const fingerprint = `${method} ${url.pathname} ${raw}`;
      const earlier = typeof key === 'string' ? idempotent.get(key) : undefined;
      if (earlier) {
        send(
          earlier.fingerprint === fingerprint
            ? earlier.answer
            : error(400, { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' }),
        );
        return;
      }
      const answer = route(method, url.pathname, params);
      // Stripe stores every answer but a 5xx under its key.
      if (typeof key === 'string' && answer.status < 500) idempotent.set(key, { fingerprint, answer: { status: answer.status, body: structuredClone(answer.body) } });
      // The slow method's answer never comes: the client's abort closes the connection.
      if (!answer.hold) send(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: { host: '127.0.0.1', port, protocol: 'http' },
    completeAction(paymentIntentId) {
      const intent = intents.get(paymentIntentId);
      if (intent?.status === 'requires_action') {
        intent.status = 'requires_confirmation';
        intent.next_action = null;
      }
    },
    requests,
    stop() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `metadata[key]=value` form fields, as the SDK encodes them. */
function metadataOf(params: URLSearchParams): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of params) {
    const key = /^metadata\[(\w+)\]$/.exec(name)?.[1];
    if (key) metadata[key] = value;
  }
  return metadata;
}

/** A Stripe event as its webhook delivers it (a snapshot event, API version pinned by the SDK). */
export function stripeEventBody(type: string, object: Record<string, unknown>): string {
  return JSON.stringify({
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2026-11-18.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}
