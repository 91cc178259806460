import { SUBGRAPH_NAMES, type GeneratedKeys } from '@shopgraph/shared';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { findFreePort } from '../dynamodb-local/free-port.js';
import { buildStack, type Stack } from '../stack/build-stack.js';
import { asProcesses, type ProcessService } from '../stack/process-runner.js';
import type { ServiceProcess } from '../stack/service-process.js';

/** The file docker-compose.yml mounts into its proxy: the same one runs here. */
export const HAPROXY_CONFIG = 'deploy/haproxy/haproxy.cfg';
/** The config names two gateway replicas, as compose runs two. */
export const GATEWAY_REPLICAS = 2;
const STOP_GRACE_MS = 12_000;

export interface TopologyOptions {
  dynamodbEndpoint: string;
  redisUrl: string;
  keys: GeneratedKeys;
  /** `compiled` runs each service's dist/ entry with only its configuration in the environment. */
  mode: 'source' | 'compiled';
  nodeEnv?: 'production' | 'development';
  /** The proxy's port; a free one unless set. */
  proxyPort?: number;
  redisKeyPrefix?: string;
  logLevel?: string;
  log?: (message: string) => void;
}

export interface Topology {
  proxyUrl: string;
  gateways: ServiceProcess[];
  /** Requests HAProxy has logged per gateway replica (`gateway-1`, `gateway-2`). */
  servedBy(): Record<string, number>;
  /** Stops the proxy, then the gateways, then the subgraphs. */
  stop(): Promise<void>;
}

/**
 * The compose topology without Docker: the four subgraphs, two gateway replicas, and
 * Debian's haproxy in front of them with the config compose mounts, all on 127.0.0.1.
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const log = options.log ?? (() => {});
  let stack: Stack<ProcessService> | undefined;
  let proxy: { stop(): Promise<void> } | undefined;
  // The proxy first (no new requests), then the gateways, then the subgraphs.
  const stop = async () => {
    await proxy?.stop();
    await stack?.stop();
  };
  try {
    stack = await buildStack({
      runner: asProcesses({ mode: options.mode, stopGraceMs: STOP_GRACE_MS }),
      services: SUBGRAPH_NAMES,
      dynamodb: { endpoint: options.dynamodbEndpoint },
      keys: options.keys,
      redis: { url: options.redisUrl, keyPrefix: options.redisKeyPrefix ?? 'shopgraph:' },
      env: {
        NODE_ENV: options.nodeEnv ?? 'production',
        LOG_LEVEL: options.logLevel ?? 'warn',
        AWS_REGION: 'us-east-1',
        // Nothing here has long requests to wait for; a short budget keeps Ctrl-C quick.
        SHUTDOWN_TIMEOUT_MS: '3000',
      },
      serviceEnv: {
        // Like compose, this local topology takes no real payments: the test provider, which
        // production refuses without this flag.
        checkout: { ALLOW_TEST_PAYMENTS: 'true' },
        gateway: {
          // HAProxy is the one proxy in front, as in compose.
          TRUST_PROXY_HOPS: '1',
          // This local topology is for trying the API with ad hoc documents (the quick start's
          // curl); a deployment keeps the production default, enforce.
          TRUSTED_DOCUMENTS: 'allow',
        },
      },
    });
    const gateways: ServiceProcess[] = [];
    for (let replica = 1; replica <= GATEWAY_REPLICAS; replica++) gateways.push((await stack.startReplica('gateway', { name: `gateway-${replica}` })).process);
    const proxyPort = options.proxyPort ?? (await findFreePort());
    const haproxy = await startHaproxy(proxyPort, gateways, log);
    proxy = haproxy;
    return { proxyUrl: `http://127.0.0.1:${proxyPort}/graphql`, gateways, servedBy: haproxy.servedBy, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startHaproxy(port: number, gateways: ServiceProcess[], log: (message: string) => void) {
  const env: Record<string, string> = { PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/usr/local/sbin`, PROXY_BIND: `127.0.0.1:${port}` };
  gateways.forEach((gateway, index) => (env[`GATEWAY_${index + 1}_ADDR`] = new URL(gateway.url).host));
  // -db: stay in the foreground and log to stdout, where each request line names its replica.
  const child = spawn('haproxy', ['-db', '-f', HAPROXY_CONFIG], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const served: Record<string, number> = {};
  const output: string[] = [];
  let failed: Error | undefined;
  child.once('error', (error) => {
    failed = new Error(`haproxy could not start (${error.message}); install it: apt-get install haproxy`);
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      const replica = / gateways\/(gateway-\d+) /.exec(line)?.[1];
      if (replica) served[replica] = (served[replica] ?? 0) + 1;
      else if (line.trim()) {
        output.push(line);
        log(`[haproxy] ${line}`);
      }
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (failed) throw failed;
    if (child.exitCode !== null) throw new Error(`haproxy exited with code ${child.exitCode}:\n${output.join('\n')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return { stop, servedBy: () => ({ ...served }) };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`haproxy did not answer on port ${port}:\n${output.join('\n')}`);
}
