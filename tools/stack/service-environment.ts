import { serviceCallEnvironment, type GeneratedKeys, type ServiceName, type SubgraphName } from '@shopgraph/shared';
import { keyEnvironment } from '../keys/service-keys.js';

/** What every service of one stack shares: its database, its Redis, its keys, its tables. */
export interface StackSettings {
  dynamodbEndpoint: string;
  redis: { url: string; keyPrefix: string };
  keys: GeneratedKeys;
  /** Each subgraph's table, by its physical name. */
  tables: Record<SubgraphName, string>;
  /** On top of every service's environment. */
  env: Record<string, string>;
  /** On top of one service's environment, last: what a stack says of one service wins. */
  serviceEnv: Partial<Record<ServiceName, Record<string, string>>>;
}

/**
 * One service's whole environment in a stack: where its data is, the keys it holds (its own
 * private key, the public keys it verifies with), the URLs of the services it calls (from
 * SERVICE_CALLS, as the CDK app sets them), then what the stack adds. Written once here, so
 * `npm start`, the tests, the topology and every benchmark configure a service alike.
 */
export function serviceEnvironment(service: ServiceName, settings: StackSettings, originOf: (subgraph: SubgraphName) => string | undefined): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    DYNAMODB_ENDPOINT: settings.dynamodbEndpoint,
    REDIS_URL: settings.redis.url,
    REDIS_KEY_PREFIX: settings.redis.keyPrefix,
    // The AWS SDK warns, in eight lines per process, that its 2027 releases will need Node 22.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(service === 'gateway' ? {} : { [`${service.toUpperCase()}_TABLE`]: settings.tables[service] }),
    ...keyEnvironment(service, settings.keys),
    ...serviceCallEnvironment(service, originOf),
    ...settings.env,
    ...settings.serviceEnv[service],
  };
}
