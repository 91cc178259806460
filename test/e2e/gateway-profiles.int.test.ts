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

  it('when a browser opens /graphql, then it gets the Sandbox landing page', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/sandbox/i);
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

  it('when a browser opens /graphql, then no landing page is served', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/sandbox/i);
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
