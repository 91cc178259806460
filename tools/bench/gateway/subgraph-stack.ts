import { generateKeys, type GeneratedKeys } from '@shopgraph/shared';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { startLocalMailbox, type LocalMailbox } from '../../mail/local-mailbox.js';
import { buildStack, type Stack } from '../../stack/build-stack.js';
import { prefixedTables, seedStackTables } from '../../stack/prepare-data.js';
import { asProcesses, type ProcessService } from '../../stack/process-runner.js';
import type { StartServiceOptions } from '../../stack/service-process.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import { benchServiceEnv } from '../bench-env.js';

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
 * starts catalog, cart, checkout and identity from their own entry points (the one stack
 * builder, as processes), pinned to core 1 once ready (DynamoDB Local runs wherever this
 * process runs: the caller pins itself to core 1 first), so they share the load generator's
 * core and leave core 0 to the gateway.
 */
export async function startSubgraphStack({
  products,
  redisUrl,
  log,
  nodeFlags = {},
  stopGraceMs = 5_000,
}: {
  products: number;
  redisUrl: string;
  log: (message: string) => void;
  /** Extra node flags for one subgraph (a profiler's, say). */
  nodeFlags?: Partial<Record<SubgraphName, string[]>>;
  /** How long each subgraph's graceful stop may take: longer for one that writes a CPU profile on exit. */
  stopGraceMs?: number;
}): Promise<SubgraphStack> {
  const run = randomBytes(3).toString('hex');
  let stack: Stack<ProcessService> | undefined;
  let mailbox: LocalMailbox | undefined;
  let tmp: string | undefined;
  const stop = async () => {
    await stack?.stop();
    await mailbox?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
  try {
    // Identity sends a verification email at every sign-up: to an SMTP server of the bench's own.
    const smtp = await startLocalMailbox();
    mailbox = smtp;
    const keys = await generateKeys(`bench-${run}`);
    const redisKeyPrefix = `bench:gateway:${run}:`;
    let variantIds: string[] = [];
    const started = await buildStack({
      // With the load generator: the gateway's core is the gateway's alone.
      runner: asProcesses({
        mode: 'source',
        stopGraceMs,
        launch: (options: StartServiceOptions) => startBenchProcess({ ...options, core: 1, nodeFlags: nodeFlags[options.name as SubgraphName] ?? [] }),
      }),
      services: SUBGRAPHS,
      dynamodb: { embedded: {} },
      keys,
      redis: { url: redisUrl, keyPrefix: redisKeyPrefix },
      tables: prefixedTables(`bench-${run}`),
      // Plenty of stock: the benchmark measures serving, not sold-out answers.
      prepare: async (endpoint, tables) => {
        variantIds = (await seedStackTables(endpoint, tables, { products, stockPerVariant: 1_000_000_000 })).variantIds;
      },
      env: benchServiceEnv(),
      // Every virtual user signs up from 127.0.0.1: past the production limit of 20 an hour.
      serviceEnv: { identity: { SIGN_UP_MAX_PER_IP: '100000', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } },
      log,
    });
    stack = started;
    const subgraphs = Object.fromEntries(SUBGRAPHS.map((name) => [name, started.services[name]!.process])) as Record<SubgraphName, BenchProcess>;

    tmp = await mkdtemp(join(tmpdir(), 'shopgraph-bench-'));
    const supergraphPath = join(tmp, 'supergraph.graphql');
    const sdl = await readFile(join(REPO_ROOT, 'supergraph.graphql'), 'utf8');
    await writeFile(
      supergraphPath,
      sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (whole, name: string) =>
        (SUBGRAPHS as readonly string[]).includes(name) ? `@join__graph(name: "${name}", url: "${started.graphqlUrl(name as SubgraphName)}")` : whole,
      ),
    );
    const gatewayEnv = {
      ...started.environmentOf('gateway'),
      // The churn users' and the set-up's own documents are not in the manifest; allow looks
      // each document up as enforce does, and logs an unknown one once.
      TRUSTED_DOCUMENTS: 'allow',
      SUPERGRAPH_PATH: supergraphPath,
    };
    return { keys, subgraphs, supergraphPath, gatewayEnv, variantIds, redisKeyPrefix, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
