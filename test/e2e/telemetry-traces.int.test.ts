import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

/** A trace a client claims to continue: the gateway, at the edge, must not. */
const CLIENT_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

describe('traces through the federated stack, exported over OTLP', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let stack: TestStack | undefined;
  let addToCartRequestId: string;
  let cookie: string;
  let bearer: string;
  const email = `trace-${randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startStack({ products: 6, env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
    const storefront = createStorefront(stack.gatewayUrl);
    await storefront.request(contractOperation('Cart'));
    cookie = storefront.cookie!;
    const added = await storefront.request<{ addToCart: { cart: { totalQuantity: number } | null } }>(
      contractOperation('AddToCart'),
      { variantId: stack.catalog.variantIds[0], quantity: 1 },
      { traceparent: `00-${CLIENT_TRACE_ID}-b7ad6b7169203331-01` },
    );
    expect(added.body.data?.addToCart.cart?.totalQuantity).toBe(1);
    addToCartRequestId = added.headers.get('x-request-id')!;
    // A sign-up (email, password) and a bearer request, to check neither reaches a span.
    const signedUp = await createStorefront(stack.gatewayUrl).request<{ signUp: { sessionToken: string | null } }>(contractOperation('SignUp'), {
      input: { email, password, name: 'Trace Test', transport: 'BEARER' },
    });
    bearer = signedUp.body.data!.signUp.sessionToken!;
    expect(bearer).toBeTruthy();
    await createStorefront(stack.gatewayUrl, { bearer }).request(contractOperation('Cart'));
    // Stopping flushes every service's batched spans to the receiver.
    await stack.stop();
    stack = undefined;
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  function traceOf(requestId: string): ReceivedSpan[] {
    const root = receiver.spans.find((span) => span.attributes['shopgraph.request_id'] === requestId && span.attributes['shopgraph.service'] === 'gateway');
    expect(root, 'the gateway span of the request').toBeDefined();
    return receiver.spans.filter((span) => span.traceId === root!.traceId);
  }

  it('one AddToCart is one trace, from the gateway through cart and catalog down to DynamoDB', () => {
    const trace = traceOf(addToCartRequestId);
    const services = new Set(trace.map((span) => span.attributes['shopgraph.service']));
    expect([...services]).toEqual(expect.arrayContaining(['gateway', 'cart', 'catalog']));
    const root = trace.find((span) => !span.parentSpanId)!;
    expect(root.attributes['graphql.operation.name']).toBe('AddToCart');
    // The client's traceparent was not continued: the gateway started a trace of its own.
    expect(root.traceId).not.toBe(CLIENT_TRACE_ID);
    expect(receiver.spans.some((span) => span.traceId === CLIENT_TRACE_ID)).toBe(false);
    expect(root.resourceService).toBe('shopgraph-gateway');
    expect(trace.some((span) => span.name === 'fetch cart' && span.attributes['shopgraph.service'] === 'gateway')).toBe(true);
    expect(trace.some((span) => span.name === 'call catalog' && span.attributes['shopgraph.service'] === 'cart')).toBe(true);
    const dynamo = trace.filter((span) => span.name.startsWith('dynamodb '));
    expect(dynamo.map((span) => span.attributes['shopgraph.service'])).toEqual(expect.arrayContaining(['cart', 'catalog']));
    expect(trace.some((span) => span.name === 'redis MGET' && span.attributes['shopgraph.service'] === 'gateway')).toBe(true);
  });

  it('every span but the root has its parent in the same trace', () => {
    const trace = traceOf(addToCartRequestId);
    const ids = new Set(trace.map((span) => span.spanId));
    const roots = trace.filter((span) => !span.parentSpanId);
    expect(roots).toHaveLength(1);
    const orphans = trace.filter((span) => span.parentSpanId && !ids.has(span.parentSpanId));
    expect(orphans.map((span) => span.name)).toEqual([]);
    // A subgraph's server span hangs under the gateway's fetch span, not beside it.
    const cartServer = trace.find((span) => span.attributes['shopgraph.service'] === 'cart' && span.name.startsWith('graphql '))!;
    expect(trace.find((span) => span.spanId === cartServer.parentSpanId)?.name).toBe('fetch cart');
  });

  it('no span carries a session token, cookie, authorization header, email or password', () => {
    expect(receiver.spans.length).toBeGreaterThan(10);
    const token = cookie.slice(cookie.indexOf('=') + 1);
    const secrets = [token, bearer, email, password];
    for (const span of receiver.spans) {
      const text = JSON.stringify([span.name, span.attributes]);
      for (const secret of secrets) expect(text).not.toContain(secret);
      for (const key of Object.keys(span.attributes)) expect(key).not.toMatch(/cookie|authorization|token|password|email|internal-context/i);
    }
    // The control: the sign-up really was traced, so its absence above means something.
    expect(receiver.spans.some((span) => span.attributes['graphql.operation.name'] === 'SignUp')).toBe(true);
  });
});
