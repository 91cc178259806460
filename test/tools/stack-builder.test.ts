import { generateKeys, SERVICE_CALLS, type GeneratedKeys, type ServiceName } from '@shopgraph/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../tools/stack/build-stack.js';
import { SERVICE_KEY_VARIABLES } from '../../tools/keys/service-keys.js';
import type { RunningService, StackRunner, StartRequest } from '../../tools/stack/stack-runner.js';

/** A runner that starts nothing: it records what each service was told, in order, and hands out origins. */
function recordingRunner(portsBeforeStart: boolean) {
  const starts: StartRequest[] = [];
  const stops: string[] = [];
  let nextPort = 5000;
  const runner: StackRunner = {
    portsBeforeStart,
    async start(request) {
      starts.push(request);
      const port = request.port || nextPort++;
      return { name: request.name, origin: `http://127.0.0.1:${port}`, stop: async () => void stops.push(request.name) } satisfies RunningService;
    },
  };
  return { runner, starts, stops };
}

const callVariables = (service: ServiceName) => Object.keys(SERVICE_CALLS[service]);

describe('the stack builder', () => {
  let keys: GeneratedKeys;
  beforeAll(async () => {
    keys = await generateKeys('builder-test');
  });
  const base = () => ({ dynamodb: { endpoint: 'http://127.0.0.1:1' }, redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'builder:' }, keys });

  it('when ports are picked by the operating system, then services start one by one, checkout first and the gateway last, each told the URLs of those already listening', async () => {
    const { runner, starts } = recordingRunner(false);
    const stack = await buildStack({ ...base(), runner });
    expect(starts.map((start) => start.service)).toEqual(['checkout', 'catalog', 'cart', 'identity', 'gateway']);
    const envOf = (service: ServiceName) => starts.find((start) => start.service === service)!.env;
    // Checkout starts before its peers listen: it is told none (the in-process runner finds them late).
    expect(Object.keys(envOf('checkout')).filter((variable) => callVariables('checkout').includes(variable))).toEqual([]);
    expect(envOf('catalog')['CHECKOUT_URL']).toBe(stack.services.checkout!.origin);
    expect(envOf('gateway')['SUBGRAPH_URL_IDENTITY']).toBe(`${stack.services.identity!.origin}/graphql`);
    expect(starts.every((start) => start.port === 0)).toBe(true);
  });

  it('when ports are picked first, then every service is told every peer it calls before anything starts', async () => {
    const { runner, starts } = recordingRunner(true);
    await buildStack({ ...base(), runner, ports: { catalog: 7001, cart: 7002, checkout: 7003, identity: 7004, gateway: 7000 } });
    const envOf = (service: ServiceName) => starts.find((start) => start.service === service)!.env;
    expect(envOf('checkout')).toMatchObject({ CART_URL: 'http://127.0.0.1:7002', CATALOG_URL: 'http://127.0.0.1:7001', IDENTITY_URL: 'http://127.0.0.1:7004' });
    expect(envOf('gateway')).toMatchObject({ SUBGRAPH_URL_CART: 'http://127.0.0.1:7002/graphql' });
    expect(starts.map((start) => [start.service, start.port])).toContainEqual(['gateway', 7000]);
  });

  it('then each service holds its own table, the shared Redis prefix and exactly the key variables it is owed, and what the stack says of one service wins', async () => {
    const { runner, starts } = recordingRunner(false);
    await buildStack({ ...base(), runner, tables: { cart: 'mine-cart' }, env: { LOG_LEVEL: 'warn', SIGN_UP_MAX_PER_IP: '1' }, serviceEnv: { identity: { SIGN_UP_MAX_PER_IP: '500' } } });
    const envOf = (service: ServiceName) => starts.find((start) => start.service === service)!.env;
    expect(envOf('cart')).toMatchObject({ CART_TABLE: 'mine-cart', REDIS_KEY_PREFIX: 'builder:', LOG_LEVEL: 'warn' });
    expect(envOf('catalog')['CATALOG_TABLE']).toBe('shopgraph-catalog');
    expect(envOf('identity')['SIGN_UP_MAX_PER_IP']).toBe('500');
    const keyVariables = new Set(Object.values(SERVICE_KEY_VARIABLES).flat());
    for (const service of ['gateway', 'catalog', 'cart', 'checkout', 'identity'] as const) {
      expect(Object.keys(envOf(service)).filter((variable) => keyVariables.has(variable)).sort()).toEqual([...SERVICE_KEY_VARIABLES[service]].sort());
    }
  });

  it('when only some services are asked for, then only they start, and the gateway is not told of a subgraph that is not there', async () => {
    const { runner, starts } = recordingRunner(true);
    const stack = await buildStack({ ...base(), runner, services: ['checkout', 'gateway'] });
    expect(starts.map((start) => start.service)).toEqual(['checkout', 'gateway']);
    expect(Object.keys(stack.environmentOf('gateway')).filter((variable) => variable.startsWith('SUBGRAPH_URL_'))).toEqual(['SUBGRAPH_URL_CHECKOUT']);
    expect(() => stack.graphqlUrl('cart')).toThrow('this stack did not start cart');
  });

  it('when the stack stops, then every gateway replica stops before any subgraph', async () => {
    const { runner, stops } = recordingRunner(false);
    const stack = await buildStack({ ...base(), runner });
    await stack.startReplica('gateway', { name: 'gateway-2', env: { TRUST_PROXY_HOPS: '1' } });
    await stack.stop();
    expect(stops.slice(0, 2).sort()).toEqual(['gateway', 'gateway-2']);
    expect(stops.slice(2).sort()).toEqual(['cart', 'catalog', 'checkout', 'identity']);
  });

  it('when a service fails to start, then those already started are stopped and the error is the caller’s', async () => {
    const { runner, stops } = recordingRunner(false);
    const failing: StackRunner = { ...runner, start: (request) => (request.service === 'cart' ? Promise.reject(new Error('cart exited with code 1')) : runner.start(request)) };
    await expect(buildStack({ ...base(), runner: failing })).rejects.toThrow('cart exited with code 1');
    expect(stops.sort()).toEqual(['catalog', 'checkout']);
  });
});
