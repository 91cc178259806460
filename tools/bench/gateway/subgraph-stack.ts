import { seedDemoCatalog } from '@shopgraph/catalog';
import { createInventoryRepository } from '@shopgraph/checkout';
import { generateKeys, serviceCallEnvironment, tableDefinitions, type GeneratedKeys } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { ensureDynamoDbLocal } from '../../dynamodb-local/fetch.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../dynamodb-local/run.js';
import { keyEnvironment } from '../../keys/service-keys.js';
import { startLocalMailbox, type LocalMailbox } from '../../mail/local-mailbox.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';

export const SUBGRAPHS = ['catalog', 'cart', 'checkout', 'identity'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/** The four subgraphs as child processes over one DynamoDB Local, as every gateway under test sees them. */
export interface SubgraphStack {
  keys: GeneratedKeys;
  subgraphs: Record<SubgraphName, BenchProcess>;
  /** A copy of supergraph.graphql whose subgraph URLs point at these processes (for the stock and Hive gateways). */
  supergraphPath: string;
  /** The environment a shopgraph gateway needs to serve these subgraphs. */
  gatewayEnv: Record<string, string>;
  variantIds: string[];
  redisKeyPrefix: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (in memory), seeds a catalog of `products` with plenty of stock, and
 * starts catalog, cart, checkout and identity from their own entry points, pinned to core 1
 * once ready (DynamoDB Local runs wherever this process runs: the caller pins itself to core 1
 * first), so they share the load generator's core and leave core 0 to the gateway.
 */
export async function startSubgraphStack({ products, redisUrl, log }: { products: number; redisUrl: string; log: (message: string) => void }): Promise<SubgraphStack> {
  const run = randomBytes(3).toString('hex');
  const started: BenchProcess[] = [];
  let dynamodb: DynamoDbLocal | undefined;
  let mailbox: LocalMailbox | undefined;
  let tmp: string | undefined;
  const stop = async () => {
    for (const service of started.reverse()) await service.stop(5_000);
    await dynamodb?.stop();
    await mailbox?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
  try {
    const { emulatorDir } = await ensureDynamoDbLocal({ log });
    dynamodb = await startDynamoDbLocal({ emulatorDir });
    const table = (key: SubgraphName) => `bench-${run}-${key}`;
    const admin = createDocumentClient({ region: 'us-east-1', endpoint: dynamodb.endpoint, requestTimeoutMs: 30_000 });
    for (const key of SUBGRAPHS) await ensureTable(admin, tableDefinitions[key], table(key));
    const catalog = await seedDemoCatalog(admin, table('catalog'), products);
    // Plenty of stock: the benchmark measures serving, not sold-out answers.
    await createInventoryRepository({ client: admin, tableName: table('checkout') }).putQuantities(new Map(catalog.variantIds.map((id) => [id, 1_000_000_000])));
    admin.destroy();

    // Identity sends a verification email at every sign-up: to an SMTP server of the bench's own.
    const smtp = await startLocalMailbox();
    mailbox = smtp;
    const keys = await generateKeys(`bench-${run}`);
    const redisKeyPrefix = `bench:gateway:${run}:`;
    const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await findFreePort()] as const))) as Record<SubgraphName, number>;
    const origin = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}`;
    const url = (name: SubgraphName) => `${origin(name)}/graphql`;
    const common = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      // The production profile refuses the test payment provider unless told; no money moves here.
      ALLOW_TEST_PAYMENTS: 'true',
    };
    const subgraphs = {} as Record<SubgraphName, BenchProcess>;
    await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const service = await startBenchProcess({
          name,
          entry: `subgraphs/${name}/src/main.ts`,
          port: ports[name],
          cwd: REPO_ROOT,
          // With the load generator: the gateway's core is the gateway's alone.
          core: 1,
          env: {
            ...common,
            [`${name.toUpperCase()}_TABLE`]: table(name),
            ...keyEnvironment(name, keys),
            // The URLs of the services it calls (SERVICE_CALLS, the table the CDK app uses too).
            ...serviceCallEnvironment(name, origin),
            // Every virtual user signs up from 127.0.0.1: past the production limit of 20 an hour.
            ...(name === 'identity' ? { SIGN_UP_MAX_PER_IP: '100000', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } : {}),
          },
        });
        started.push(service);
        subgraphs[name] = service;
      }),
    );

    tmp = await mkdtemp(join(tmpdir(), 'shopgraph-bench-'));
    const supergraphPath = join(tmp, 'supergraph.graphql');
    const sdl = await readFile(join(REPO_ROOT, 'supergraph.graphql'), 'utf8');
    await writeFile(
      supergraphPath,
      sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (whole, name: string) =>
        (SUBGRAPHS as readonly string[]).includes(name) ? `@join__graph(name: "${name}", url: "${url(name as SubgraphName)}")` : whole,
      ),
    );
    const gatewayEnv = {
      ...common,
      ...keyEnvironment('gateway', keys),
      // The churn users' and the set-up's own documents are not in the manifest; allow looks
      // each document up as enforce does, and logs an unknown one once.
      TRUSTED_DOCUMENTS: 'allow',
      SUPERGRAPH_PATH: supergraphPath,
      ...serviceCallEnvironment('gateway', origin),
    };
    return { keys, subgraphs, supergraphPath, gatewayEnv, variantIds: catalog.variantIds, redisKeyPrefix, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
