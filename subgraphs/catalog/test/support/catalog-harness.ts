import { createCheckoutServer, createInventoryRepository, loadCheckoutConfig } from '@shopgraph/checkout';
import { createInternalContextSigner, createLogger, generateKeys, HEADER_INTERNAL_CONTEXT, type GeneratedKeys } from '@shopgraph/shared';
import { batchPutAll, createDocumentClient } from '@shopgraph/shared/dynamo';
import type { ServiceServer } from '@shopgraph/shared/server';
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createTestTables, type TestTables } from '../../../../test/support/dynamo.js';
import { loadCatalogConfig } from '../../src/config.js';
import { createCatalogServer } from '../../src/server.js';
import { catalogItems } from '../../src/store/items.js';
import { FIXTURE_CATEGORIES, FIXTURE_PRODUCTS, FIXTURE_STOCK, FIXTURE_VARIANTS } from './catalog-fixture.js';

export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string[] } }[];
}

/** The fixture catalog in this file's own tables, a checkout and catalog replicas over it. */
export interface CatalogHarness {
  tables: TestTables<'catalog' | 'checkout'>;
  keys: GeneratedKeys;
  checkoutUrl: string;
  /** Redis prefix of this harness: its replicas hear each other, no other file's. */
  redisPrefix: string;
  /** Starts one more catalog replica; `env` on top of the harness's configuration. */
  startCatalog(env?: Record<string, string>): Promise<string>;
  /** POSTs GraphQL to a subgraph URL, optionally as an admin. */
  request<T>(url: string, query: string, variables?: Record<string, unknown>, options?: { role?: 'ADMIN' | 'CUSTOMER' }): Promise<{ body: GraphQLBody<T>; headers: Headers }>;
  stop(): Promise<void>;
}

export async function startCatalogHarness(fileTag: string): Promise<CatalogHarness> {
  const tables = await createTestTables(['catalog', 'checkout'] as const);
  await batchPutAll(tables.client, tables.names.catalog, catalogItems({ categories: FIXTURE_CATEGORIES, products: FIXTURE_PRODUCTS, variants: FIXTURE_VARIANTS }));
  await createInventoryRepository({ client: tables.client, tableName: tables.names.checkout }).putQuantities(FIXTURE_STOCK);

  const keys = await generateKeys(fileTag);
  const signer = await createInternalContextSigner(keys.internalContextPrivateKey);
  const redisPrefix = `test:${fileTag}:${randomBytes(4).toString('hex')}:`;
  const logger = createLogger({ service: 'test', level: 'silent' });
  const common = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DYNAMODB_ENDPOINT: tables.endpoint,
    INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
    SHUTDOWN_TIMEOUT_MS: '1000',
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: redisPrefix,
  };
  const started: ServiceServer[] = [];
  const dynamo = () => createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint });
  const checkout = createCheckoutServer({
    config: loadCheckoutConfig({
      ...common,
      CHECKOUT_TABLE: tables.names.checkout,
      CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
      CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
      IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
    }),
    logger,
    dynamo: dynamo(),
  });
  started.push(checkout);
  const checkoutUrl = `${(await checkout.start()).url}/graphql`;

  return {
    tables,
    keys,
    checkoutUrl,
    redisPrefix,
    async startCatalog(env = {}) {
      const config = loadCatalogConfig({ ...common, CATALOG_TABLE: tables.names.catalog, CHECKOUT_URL: checkoutUrl, CATALOG_SIGNING_KEY: JSON.stringify(keys.catalogSigningPrivateKey), ...env });
      const server = createCatalogServer({ config, logger, dynamo: dynamo() });
      started.push(server);
      return `${(await server.start()).url}/graphql`;
    },
    async request<T>(url: string, query: string, variables: Record<string, unknown> = {}, options: { role?: 'ADMIN' | 'CUSTOMER' } = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.role) {
        headers[HEADER_INTERNAL_CONTEXT] = await signer.sign({
          session: { sessionId: randomBytes(16).toString('base64url'), customerId: 'cus_admin', role: options.role },
          requestId: randomUUID(),
        }, url === checkoutUrl ? 'checkout' : 'catalog');
      }
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { body: (await response.json()) as GraphQLBody<T>, headers: response.headers };
    },
    async stop() {
      await Promise.allSettled(started.reverse().map((server) => server.stop()));
      await tables.drop();
    },
  };
}
