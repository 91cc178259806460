import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from '../support/graphql-client.js';
import { createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

describe('the gateway in development', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 2, env: { NODE_ENV: 'development' } });
  });
  afterAll(() => stack?.stop());

  it('when a browser opens /graphql, then it gets the GraphiQL playground, whose assets the gateway serves', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>shopgraph playground</title>');
    expect(html).not.toMatch(/sandbox/i);
    const script = /<script src="(\/graphql\/playground\/graphiql\.js\?v=\w+)"/.exec(html)?.[1];
    const asset = await fetch(new URL(script ?? '/graphql/playground/none', stack.gatewayUrl));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('when PLAYGROUND=sandbox, then a browser gets the Sandbox landing page instead', async () => {
    const sandboxUrl = await stack.startGateway({ PLAYGROUND: 'sandbox' });
    const response = await fetch(sandboxUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/sandbox/i);
    expect(html).not.toContain('shopgraph playground');
  });

  it('when a developer introspects, then the schema comes back', async () => {
    const { status, body } = await createStorefront(stack.gatewayUrl).request<{ __type: { name: string } }>('{ __type(name: "Cart") { name } }');
    expect(status).toBe(200);
    expect(body.data!.__type.name).toBe('Cart');
  });
});

describe('the gateway outside development', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 2 });
  });
  afterAll(() => stack?.stop());

  it('when a browser opens /graphql, then no landing page is served, even when PLAYGROUND asks for one', async () => {
    for (const url of [stack.gatewayUrl, await stack.startGateway({ PLAYGROUND: 'graphiql' }), await stack.startGateway({ PLAYGROUND: 'sandbox' })]) {
      const response = await fetch(url, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
      const body = await response.text();
      expect(body).not.toMatch(/sandbox|graphiql|playground/i);
      expect((await fetch(new URL('/graphql/playground/graphiql.js', url))).headers.get('content-type')).not.toMatch(/javascript/);
    }
  });

  it('when a subgraph fails unexpectedly, then the client sees a masked error whose request id names the log line', async () => {
    await stack.tables.client.send(new DeleteTableCommand({ TableName: stack.tables.names.cart }));
    const response = await createStorefront(stack.gatewayUrl).request(contractOperation('Cart'));
    const requestId = response.headers.get('x-request-id');
    const error = response.body.errors?.[0];
    expect(error?.message).toBe('Internal server error');
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(JSON.stringify(response.body)).not.toContain(stack.tables.names.cart);
    const logged = stack.logLines().filter((line) => line['requestId'] === requestId && line['msg'] === 'unexpected error');
    expect(logged.length).toBeGreaterThan(0);
  });
});
