import { SUBGRAPH_NAMES, tableDefinitions, type GeneratedKeys, type ServiceName, type SubgraphName } from '@shopgraph/shared';
import { ensureDynamoDbLocal } from '../dynamodb-local/fetch.js';
import { findFreePort } from '../dynamodb-local/free-port.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb-local/run.js';
import { serviceEnvironment, type StackSettings } from './service-environment.js';
import type { RunningService, StackRunner } from './stack-runner.js';

/**
 * The order services start in when each waits for the one before: checkout first (catalog's
 * search index reads its stock at start-up; checkout finds its own peers late), the gateway last.
 */
const START_ORDER: readonly ServiceName[] = ['checkout', 'catalog', 'cart', 'identity', 'gateway'];

/** DynamoDB Local already running, or one this stack starts (and stops): in memory, or on disk at `dbPath`. */
export type StackDynamoDb = { endpoint: string } | { embedded: { dbPath?: string } };

export interface StackOptions<Service extends RunningService> {
  /** In this process or as processes (from sources or compiled): `inProcess(...)`, `asProcesses(...)`. */
  runner: StackRunner<Service>;
  /** Which services to start; all five unless set. */
  services?: readonly ServiceName[];
  dynamodb: StackDynamoDb;
  keys: GeneratedKeys;
  redis: { url: string; keyPrefix: string };
  /** Each subgraph's table; their default names unless set. */
  tables?: Partial<Record<SubgraphName, string>>;
  /** Runs once DynamoDB answers, before any service starts: create tables, seed (a catalog builds its index at start-up). */
  prepare?: (endpoint: string, tables: Record<SubgraphName, string>) => Promise<void>;
  /** Fixed ports by service; unset ones are picked free. */
  ports?: Partial<Record<ServiceName, number>>;
  /** On top of every service's environment. */
  env?: Record<string, string>;
  /** On top of one service's environment. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  log?: (message: string) => void;
}

export interface Stack<Service extends RunningService> {
  dynamodbEndpoint: string;
  tables: Record<SubgraphName, string>;
  keys: GeneratedKeys;
  /** Every service started, by service (the first replica of each). */
  services: Partial<Record<ServiceName, Service>>;
  /** A started service's `/graphql` URL; throws for one this stack did not start. */
  graphqlUrl(service: ServiceName): string;
  /** The environment `service` was (or a replica would be) started with. */
  environmentOf(service: ServiceName): Record<string, string>;
  /** Another replica of `service` over the same data, with `env` on top. Stopped with the stack, before the rest. */
  startReplica(service: ServiceName, replica: { name: string; env?: Record<string, string>; port?: number }): Promise<Service>;
  /** Stops the gateways first (no new work), then the subgraphs, then a DynamoDB Local it started. */
  stop(): Promise<void>;
}

/**
 * The one way shopgraph's stacks are stood up: `npm start`, the tests, every benchmark and the
 * proxy topology say which services, which ports, which keys, which DynamoDB Local and how to
 * run them; the environment each service gets is built in one place (`serviceEnvironment`).
 */
export async function buildStack<Service extends RunningService>(options: StackOptions<Service>): Promise<Stack<Service>> {
  const wanted = new Set(options.services ?? START_ORDER);
  const { runner } = options;
  const started: { service: ServiceName; running: Service }[] = [];
  let dynamodb: DynamoDbLocal | undefined;
  const stop = async () => {
    const stopping = started.splice(0);
    const stopAll = (gateways: boolean) => Promise.all(stopping.filter(({ service }) => (service === 'gateway') === gateways).map(({ running }) => running.stop()));
    await stopAll(true);
    await stopAll(false);
    await dynamodb?.stop();
  };
  try {
    let endpoint: string;
    if ('endpoint' in options.dynamodb) endpoint = options.dynamodb.endpoint;
    else {
      const { emulatorDir } = await ensureDynamoDbLocal(options.log ? { log: options.log } : {});
      const { dbPath } = options.dynamodb.embedded;
      dynamodb = await startDynamoDbLocal({ emulatorDir, ...(dbPath ? { dbPath } : {}), ...(options.log ? { log: options.log } : {}) });
      endpoint = dynamodb.endpoint;
    }
    const tables = Object.fromEntries(SUBGRAPH_NAMES.map((subgraph) => [subgraph, options.tables?.[subgraph] ?? tableDefinitions[subgraph].defaultName])) as Record<SubgraphName, string>;
    await options.prepare?.(endpoint, tables);

    const settings: StackSettings = { dynamodbEndpoint: endpoint, redis: options.redis, keys: options.keys, tables, env: options.env ?? {}, serviceEnv: options.serviceEnv ?? {} };
    const ports: Partial<Record<ServiceName, number>> = { ...options.ports };
    if (runner.portsBeforeStart) for (const service of wanted) ports[service] ??= await findFreePort();
    const origins: Partial<Record<SubgraphName, string>> = {};
    for (const subgraph of SUBGRAPH_NAMES) if (wanted.has(subgraph) && ports[subgraph]) origins[subgraph] = `http://127.0.0.1:${ports[subgraph]}`;
    const originOf = (subgraph: SubgraphName) => origins[subgraph];
    const environmentOf = (service: ServiceName) => serviceEnvironment(service, settings, originOf);

    const services: Partial<Record<ServiceName, Service>> = {};
    const launch = async (service: ServiceName, name: string, env: Record<string, string>, port: number) => {
      const running = await runner.start({ service, name, env, port, originOf });
      started.push({ service, running });
      if (service !== 'gateway') origins[service] ??= running.origin;
      return running;
    };
    const startFirst = async (service: ServiceName) => {
      services[service] = await launch(service, service, environmentOf(service), ports[service] ?? 0);
    };
    const subgraphs = START_ORDER.filter((service) => service !== 'gateway' && wanted.has(service));
    if (runner.portsBeforeStart) await Promise.all(subgraphs.map(startFirst));
    else for (const subgraph of subgraphs) await startFirst(subgraph);
    if (wanted.has('gateway')) await startFirst('gateway');

    return {
      dynamodbEndpoint: endpoint,
      tables,
      keys: options.keys,
      services,
      graphqlUrl(service) {
        const running = services[service];
        if (!running) throw new Error(`this stack did not start ${service}`);
        return `${running.origin}/graphql`;
      },
      environmentOf,
      async startReplica(service, { name, env = {}, port }) {
        const chosen = port ?? (runner.portsBeforeStart ? await findFreePort() : 0);
        return launch(service, name, { ...environmentOf(service), ...env }, chosen);
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
