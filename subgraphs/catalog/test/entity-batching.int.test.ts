import { generateKeys, createLogger } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { createCatalogServer } from '../src/server.js';
import { loadCatalogConfig } from '../src/config.js';
import { seedDemoCatalog } from '../src/seed/seed-demo-catalog.js';

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProductVariant { id sku price { amount } product { title } }
    }
  }
`;

describe('catalog entity resolution', () => {
  let tables: TestTables<'catalog'>;
  let url: string;
  let stop: () => Promise<void>;
  let variantIds: string[];
  const commands: string[] = [];

  beforeAll(async () => {
    tables = await createTestTables(['catalog'] as const);
    variantIds = (await seedDemoCatalog(tables.client, tables.names.catalog, 70)).variantIds;
    const dynamo = createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint });
    // Counts every DynamoDB call the subgraph makes, by command name.
    dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName ?? 'unknown');
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
    const keys = await generateKeys('batching');
    const server = createCatalogServer({
      config: loadCatalogConfig({
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DYNAMODB_ENDPOINT: tables.endpoint,
        CATALOG_TABLE: tables.names.catalog,
        INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
        CATALOG_SIGNING_KEY: JSON.stringify(keys.catalogSigningPrivateKey),
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `test:entity-batching:${randomBytes(4).toString('hex')}:`,
        // No checkout here: stock flags stay unknown, which entity resolution does not need.
        CHECKOUT_URL: 'http://127.0.0.1:9/graphql',
      }),
      logger: createLogger({ service: 'catalog', level: 'silent' }),
      dynamo,
    });
    url = `${(await server.start()).url}/graphql`;
    stop = () => server.stop();
  });
  afterAll(async () => {
    await stop?.();
    await tables?.drop();
  });

  it('when 150 variants and their products are resolved in one fetch, then it costs one BatchGetItem per 100 keys', async () => {
    expect(variantIds.length).toBeGreaterThanOrEqual(150);
    const requested = variantIds.slice(0, 150);
    commands.length = 0;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ENTITIES, variables: { representations: requested.map((id) => ({ __typename: 'ProductVariant', id })) } }),
    });
    const body = (await response.json()) as { data: { _entities: { id: string; product: { title: string } }[] } };
    expect(body.data._entities.map((entity) => entity.id)).toEqual(requested);
    expect(body.data._entities.every((entity) => entity.product.title.length > 0)).toBe(true);
    // 150 variant keys: 2 calls (100 + 50); their products (under 100 distinct): 1 call.
    expect(commands).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'BatchGetItemCommand']);
  });

  it('when an unknown variant is among the representations, then its entity is null and the rest resolve', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: ENTITIES,
        variables: { representations: [{ __typename: 'ProductVariant', id: variantIds[0] }, { __typename: 'ProductVariant', id: 'var_nope' }] },
      }),
    });
    const body = (await response.json()) as { data: { _entities: ({ id: string } | null)[] } };
    expect(body.data._entities[0]?.id).toBe(variantIds[0]);
    expect(body.data._entities[1]).toBeNull();
  });
});
