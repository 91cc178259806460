import { createCartServer, loadCartConfig, type CartConfig, type CartServerDeps } from '@shopgraph/cart';
import { createCatalogServer, loadCatalogConfig } from '@shopgraph/catalog';
import {
  createCartClient,
  createCatalogPrices,
  createCheckoutServer,
  createSavedAddressClient,
  loadCheckoutConfig,
  type CheckoutConfig,
  type CheckoutServer,
  type CheckoutServerDeps,
} from '@shopgraph/checkout';
import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';
import { createIdentityServer, loadIdentityConfig, type IdentityConfig, type IdentityServerDeps } from '@shopgraph/identity';
import { createServiceTokenSigner, type Logger, type ServiceName, type SubgraphName } from '@shopgraph/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ServiceServer } from '@shopgraph/shared/server';
import type { RunningService, StackRunner, StartRequest } from './stack-runner.js';

/** What a stack may give a service besides its configuration, given that configuration: replaced or counted parts. */
export interface InProcessDependencies {
  cart?: (config: CartConfig) => Partial<Omit<CartServerDeps, 'config' | 'logger' | 'dynamo'>>;
  identity?: (config: IdentityConfig) => Partial<Omit<IdentityServerDeps, 'config' | 'logger' | 'dynamo'>>;
  /** Given checkout's configuration and the peers it would use, what to use instead (a crash test wraps them). */
  checkout?: (config: CheckoutConfig, own: LatePeers) => Partial<Omit<CheckoutServerDeps, 'config' | 'logger' | 'dynamo'>>;
}

export interface InProcessOptions {
  logger: (service: ServiceName) => Logger;
  /** Each service's DynamoDB client (a benchmark counts one service's calls). */
  dynamo: (service: ServiceName) => DynamoDBDocumentClient;
  dependencies?: InProcessDependencies;
}

export interface InProcessService extends RunningService {
  server: ServiceServer;
  /** Set for checkout: its recovery pass, to run by hand. */
  recovery?: CheckoutServer['recovery'];
  metricsUrl?: string;
}

/** Checkout's peers, found when called: checkout starts before the services it calls listen. */
export type LatePeers = Required<Pick<CheckoutServerDeps, 'carts' | 'catalog' | 'savedAddresses'>>;

/**
 * Runs each service in this process from the same factories and configuration loaders its
 * `main.ts` calls, on a port the operating system picks (tests run side by side without a race
 * for ports), so a green test means the real wiring works.
 */
export function inProcess(options: InProcessOptions): StackRunner<InProcessService> {
  return {
    portsBeforeStart: false,
    async start(request) {
      const created = await createService(request, options);
      const { server } = created;
      const { url, metricsUrl } = await server.start();
      return { name: request.name, origin: url, server, stop: () => server.stop(), ...(created.recovery ? { recovery: created.recovery } : {}), ...(metricsUrl ? { metricsUrl } : {}) };
    },
  };
}

async function createService({ service, env, port, originOf }: StartRequest, { logger, dynamo, dependencies = {} }: InProcessOptions): Promise<{ server: ServiceServer; recovery?: CheckoutServer['recovery'] }> {
  const common = { logger: logger(service), dynamo: dynamo(service) };
  const withPort = { ...env, PORT: String(port) };
  switch (service) {
    case 'catalog':
      return { server: createCatalogServer({ config: loadCatalogConfig(withPort), ...common }) };
    case 'cart': {
      const config = loadCartConfig(withPort);
      return { server: createCartServer({ config, ...common, ...dependencies.cart?.(config) }) };
    }
    case 'identity': {
      const config = loadIdentityConfig(withPort);
      return { server: await createIdentityServer({ config, ...common, ...dependencies.identity?.(config) }) };
    }
    case 'checkout': {
      const config = loadCheckoutConfig(withPort);
      const own = latePeers(config, originOf);
      const server = createCheckoutServer({ config, ...common, ...own, ...dependencies.checkout?.(config, own) });
      return { server, recovery: server.recovery };
    }
    case 'gateway':
      return { server: await createGatewayServer({ config: loadGatewayConfig(withPort), logger: common.logger }) };
  }
}

/** Checkout's cart, catalog and identity clients, each pointed at its service's origin when called. */
function latePeers(config: CheckoutConfig, originOf: (subgraph: SubgraphName) => string | undefined): LatePeers {
  const signer = createServiceTokenSigner(config.signingKey, 'checkout');
  const timeoutMs = config.internalCallTimeoutMs;
  // Port 9 (discard) when the stack has no such service: a call fails fast and says so.
  const origin = (subgraph: SubgraphName) => originOf(subgraph) ?? 'http://127.0.0.1:9';
  const cart = () => createCartClient({ baseUrl: origin('cart'), signer, timeoutMs });
  const catalog = () => createCatalogPrices({ url: `${origin('catalog')}/graphql`, timeoutMs });
  const identity = () => createSavedAddressClient({ baseUrl: origin('identity'), signer, timeoutMs });
  return {
    carts: {
      cartOf: (...args) => cart().cartOf(...args),
      markCheckedOut: (...args) => cart().markCheckedOut(...args),
      hold: (...args) => cart().hold(...args),
      release: (...args) => cart().release(...args),
    },
    catalog: { pricesOf: (...args) => catalog().pricesOf(...args) },
    savedAddresses: { addressOf: (...args) => identity().addressOf(...args) },
  };
}
