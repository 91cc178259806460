import {
  ConfigError,
  envFields,
  generateKeys,
  loadConfig,
  sessionKeySetSchema,
  subgraphEnvSchema,
  toSubgraphBaseConfig,
} from '@shopgraph/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

/** Calls `load` and returns the ConfigError it throws; fails the test if it throws nothing else. */
function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

describe('loadConfig with the subgraph schema', () => {
  let publicKeys: string;
  const schema = subgraphEnvSchema(4001);

  beforeAll(async () => {
    publicKeys = JSON.stringify((await generateKeys('config-test')).internalContextPublicKeys);
  });

  it('when only the required variable is set, then every default applies', () => {
    const config = loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys });
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '0.0.0.0',
      PORT: 4001,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      KEEP_ALIVE_TIMEOUT_MS: 65_000,
      AWS_REGION: 'us-east-1',
    });
    expect(config.DYNAMODB_ENDPOINT).toBeUndefined();
    expect(config.INTERNAL_CONTEXT_PUBLIC_KEYS).toEqual(JSON.parse(publicKeys));
  });

  it('when defaults apply, then the keep-alive timeout outlasts the 60 s load balancer idle timeout', () => {
    const config = loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys });
    expect(config.KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
  });

  it('when variables are set, then they are coerced and used', () => {
    const config = loadConfig('cart', schema, {
      INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys,
      NODE_ENV: 'development',
      PORT: '0',
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_MS: '250',
      KEEP_ALIVE_TIMEOUT_MS: '70000',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    });
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 0, LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_MS: 250, KEEP_ALIVE_TIMEOUT_MS: 70_000 });
    expect(config.DYNAMODB_ENDPOINT).toBe('http://127.0.0.1:8000');
  });

  it('when variables are empty strings, then they count as unset and defaults apply', () => {
    const config = loadConfig('cart', schema, {
      INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys,
      PORT: '',
      LOG_LEVEL: '',
      DYNAMODB_ENDPOINT: '',
      KEEP_ALIVE_TIMEOUT_MS: '',
    });
    expect(config.PORT).toBe(4001);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.KEEP_ALIVE_TIMEOUT_MS).toBe(65_000);
    expect(config.DYNAMODB_ENDPOINT).toBeUndefined();
  });

  it('when a required variable is an empty string, then it is reported as missing', () => {
    const error = configErrorOf(() => loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: '' }));
    expect(error.problems).toEqual([expect.stringMatching(/^INTERNAL_CONTEXT_PUBLIC_KEYS: /)]);
  });

  it('when several variables are bad or missing, then one ConfigError names every one of them', () => {
    const error = configErrorOf(() =>
      loadConfig('cart', schema, { PORT: 'abc', LOG_LEVEL: 'loud', KEEP_ALIVE_TIMEOUT_MS: '500', DYNAMODB_ENDPOINT: 'ftp://db.local' }),
    );
    expect(error.name).toBe('ConfigError');
    const named = error.problems.map((problem) => problem.split(':')[0]).sort();
    expect(named).toEqual(['DYNAMODB_ENDPOINT', 'INTERNAL_CONTEXT_PUBLIC_KEYS', 'KEEP_ALIVE_TIMEOUT_MS', 'LOG_LEVEL', 'PORT']);
    expect(error.message).toContain('cart');
    expect(error.message).toContain('invalid configuration');
    for (const name of named) expect(error.message).toContain(`  - ${name}: `);
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['NODE_ENV', 'staging'],
    ['SHUTDOWN_TIMEOUT_MS', '999999'],
    ['DYNAMODB_ENDPOINT', 'not a url'],
    ['INTERNAL_CONTEXT_PUBLIC_KEYS', '{"keys":[]}'],
    ['INTERNAL_CONTEXT_PUBLIC_KEYS', 'not json'],
  ])('when %s is %j, then the ConfigError names it', (name, value) => {
    const error = configErrorOf(() => loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys, [name]: value }));
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) expect(problem.startsWith(`${name}`)).toBe(true);
  });

  it('when the public key set fails deep inside, then the problem names the path to the bad field', () => {
    const bad = JSON.stringify({ keys: [{ kty: 'OKP', crv: 'X25519', x: 'abc', kid: 'k' }] });
    const error = configErrorOf(() => loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: bad }));
    expect(error.problems).toEqual([expect.stringMatching(/^INTERNAL_CONTEXT_PUBLIC_KEYS\.keys\.0\.crv: /)]);
  });

  it('when the config loads, then it is deeply frozen', () => {
    const config = loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.INTERNAL_CONTEXT_PUBLIC_KEYS)).toBe(true);
    expect(Object.isFrozen(config.INTERNAL_CONTEXT_PUBLIC_KEYS.keys)).toBe(true);
    expect(Object.isFrozen(config.INTERNAL_CONTEXT_PUBLIC_KEYS.keys[0])).toBe(true);
    expect(Reflect.set(config, 'PORT', 1)).toBe(false);
    expect(Reflect.set(config.INTERNAL_CONTEXT_PUBLIC_KEYS.keys, 0, {})).toBe(false);
    expect(config.PORT).toBe(4001);
  });

  it('when the config is loaded, then the env object passed in is neither frozen nor changed', () => {
    const env = { INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys, PORT: '' };
    loadConfig('cart', schema, env);
    expect(Object.isFrozen(env)).toBe(false);
    expect(env).toEqual({ INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys, PORT: '' });
  });

  it('when mapped to the base config, then http, dynamodb and development follow the variables', () => {
    const env = loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0' });
    expect(toSubgraphBaseConfig(env)).toEqual({
      development: true,
      logLevel: 'info',
      http: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 10_000, keepAliveTimeoutMs: 65_000 },
      dynamodb: { region: 'us-east-1', endpoint: undefined },
      internalContextPublicKeys: JSON.parse(publicKeys) as unknown,
      // Nothing exported and no metrics listener unless asked for.
      telemetry: { otlpEndpoint: undefined, traceSampleRatio: 1, metricExportIntervalMs: 60_000, metricsListener: undefined },
    });
    const production = loadConfig('cart', schema, { INTERNAL_CONTEXT_PUBLIC_KEYS: publicKeys });
    expect(toSubgraphBaseConfig(production).development).toBe(false);
  });
});

describe('loadConfig with secrets', () => {
  const schema = z.object({ SESSION_KEYS: envFields.json(sessionKeySetSchema), LOG_LEVEL: envFields.logLevel });
  const SECRET = 'TOPSECRET-k9Qw2-not-a-256-bit-key';

  it.each([
    ['a key of the wrong size', JSON.stringify({ keys: [{ kty: 'oct', kid: 'k1', k: SECRET }] })],
    ['an unknown key type', JSON.stringify({ keys: [{ kty: SECRET, kid: 'k1', k: 'x' }] })],
    ['broken JSON', `{"keys":[{"kty":"oct","kid":"k1","k":"${SECRET}"`],
    ['JSON that is not an object', JSON.stringify(SECRET)],
  ])('when a secret variable holds %s, then the error names the variable but never echoes the value', (_name, value) => {
    const error = configErrorOf(() => loadConfig('gateway', schema, { SESSION_KEYS: value, LOG_LEVEL: 'loud' }));
    expect(error.problems.some((problem) => problem.startsWith('SESSION_KEYS'))).toBe(true);
    expect(error.problems.some((problem) => problem.startsWith('LOG_LEVEL'))).toBe(true);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('TOPSECRET');
    expect(JSON.stringify(error.problems)).not.toContain('TOPSECRET');
  });
});

describe('envFields', () => {
  const parse = (field: z.ZodType, value: string | undefined) => field.safeParse(value);

  it.each([
    ['redis://127.0.0.1:6379', true],
    ['rediss://cache.internal:6380', true],
    ['http://127.0.0.1:6379', false],
    ['127.0.0.1:6379', false],
  ])('when the Redis URL is %j, then acceptance is %s', (value, accepted) => {
    expect(parse(envFields.redisUrl, value).success).toBe(accepted);
  });

  it('when the Redis URL is unset, then it defaults to the local Redis', () => {
    expect(envFields.redisUrl.parse(undefined)).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    ['shopgraph-cart', true],
    ['test-0a1b2c3d-cart', true],
    ['ab', false],
    ['cart table', false],
    ['cart/prod', false],
  ])('when a table name is %j, then acceptance is %s', (value, accepted) => {
    expect(parse(envFields.tableName('shopgraph-cart'), value).success).toBe(accepted);
  });

  it('when a table name is unset, then the given default applies', () => {
    expect(envFields.tableName('shopgraph-catalog').parse(undefined)).toBe('shopgraph-catalog');
  });

  it.each(['http://cart:4002', 'http://cart:4002/', 'http://cart:4002/graphql', 'http://cart:4002/graphql/'])(
    'when another service’s URL is %j, then its base URL is kept, without the slash or /graphql',
    (value) => {
      expect(envFields.serviceUrl(4002).parse(value)).toBe('http://cart:4002');
    },
  );

  it('when another service’s URL is unset, then it is that service’s local port; a URL that is not http(s) is refused', () => {
    expect(envFields.serviceUrl(4003).parse(undefined)).toBe('http://127.0.0.1:4003');
    expect(parse(envFields.serviceUrl(4003), 'redis://checkout:4003').success).toBe(false);
    expect(parse(envFields.serviceUrl(4003), 'checkout:4003').success).toBe(false);
  });

  it('when the keep-alive timeout is below one second, then it is refused', () => {
    expect(parse(envFields.keepAliveTimeoutMs, '999').success).toBe(false);
    expect(envFields.keepAliveTimeoutMs.parse('1000')).toBe(1_000);
  });
});
