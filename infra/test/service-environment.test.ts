import { generateKeys, tableDefinitions, type TableKey } from '@shopgraph/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICES as CONFIGS, variablesRead } from '../../test/deploy/deploy-files.js';
import { SERVICE_CALLS } from '../lib/service-network.js';
import { SERVICE_SECRETS, serviceEnvironment, type DeploymentFacts } from '../lib/service-environment.js';
import { SERVICE_PORTS, SERVICES } from '../lib/services.js';

describe('each task’s environment', () => {
  let facts: DeploymentFacts;
  let secretValues: Record<string, string>;
  beforeAll(async () => {
    const keys = await generateKeys('infra');
    facts = {
      region: 'eu-west-1',
      tableNames: Object.fromEntries((Object.keys(tableDefinitions) as TableKey[]).map((key) => [key, `${tableDefinitions[key].defaultName}-dev`])) as Record<TableKey, string>,
      subgraphUrl: (subgraph) => `http://${subgraph}:${SERVICE_PORTS[subgraph]}/graphql`,
      internalContextPublicKeys: JSON.stringify(keys.internalContextPublicKeys),
    };
    secretValues = {
      SESSION_KEYS: JSON.stringify(keys.sessionKeys),
      INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey),
      REDIS_URL: 'rediss://:token@cache.example.internal:6380',
    };
  });
  const envOf = (service: (typeof SERVICES)[number]) => ({
    ...serviceEnvironment(service, facts),
    ...Object.fromEntries(Object.keys(SERVICE_SECRETS[service]).map((variable) => [variable, secretValues[variable]])),
  });

  it.each(SERVICES)('%s: satisfies its configuration schema, in production, on its port', (service) => {
    const config = CONFIGS[service].load(envOf(service));
    expect(config.development).toBe(false);
    expect(config.http.port).toBe(SERVICE_PORTS[service]);
  });

  it.each(SERVICES)('%s: sets only variables its configuration reads', (service) => {
    const known = variablesRead(service);
    expect(Object.keys(envOf(service)).filter((variable) => !known.has(variable))).toEqual([]);
  });

  it.each(SERVICES)('%s: points every URL it calls at the subgraph Service Connect names', (service) => {
    for (const [variable, subgraph] of Object.entries(SERVICE_CALLS[service])) {
      expect(envOf(service)[variable]).toBe(`http://${subgraph}:${SERVICE_PORTS[subgraph]}/graphql`);
    }
  });

  it('subgraphs read their own table by name; the Redis URL is TLS', () => {
    expect(envOf('cart')['CART_TABLE']).toBe('shopgraph-cart-dev');
    expect(envOf('cart')['REDIS_URL']).toBeUndefined();
    expect(CONFIGS.identity.load(envOf('identity')).redisUrl).toMatch(/^rediss:\/\//);
  });

  it('control: a missing secret is refused by the same loader', () => {
    const { SESSION_KEYS: _dropped, ...rest } = envOf('identity');
    expect(() => CONFIGS.identity.load(rest)).toThrow(/SESSION_KEYS/);
  });
});
