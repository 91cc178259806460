import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { REPO_ROOT } from '../../tools/compose/subgraph-list.js';
import { assertPortFree } from '../../tools/dynamodb-local/free-port.js';
import { eventually } from '../support/eventually.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { createTestRedis } from '../support/redis.js';

const RUNNING = /shopgraph is running: (\S+)/;
// Its own keys: the reset limits count per address for an hour, and the Redis of a machine
// that runs this test more than three times an hour would otherwise refuse the reset below.
const redis = createTestRedis('start');

/** Five consecutive free ports: the gateway's and the four subgraphs'. */
async function freePortRange(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    try {
      for (let offset = 0; offset < 5; offset++) await assertPortFree(base + offset);
      return base;
    } catch {
      // taken; try another range
    }
  }
  throw new Error('no free port range');
}

interface Launched {
  launcher: ChildProcess;
  url: string;
  output: string[];
  exited: Promise<number | null>;
}

async function launch(dataDir: string, port: number, mailPorts: { smtp: number; page: number }): Promise<Launched> {
  const launcher = spawn(process.execPath, ['--conditions=@shopgraph/source', '--import', 'tsx', 'tools/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LOCAL_SMTP_PORT: String(mailPorts.smtp),
      MAILBOX_PORT: String(mailPorts.page),
      SHOPGRAPH_DATA_DIR: dataDir,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: redis.prefix,
      NODE_ENV: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not running after 120 s:\n${output.slice(-30).join('\n')}`)), 120_000);
    for (const stream of [launcher.stdout, launcher.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = RUNNING.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    }
    void exited.then((code) => reject(new Error(`launcher exited (${code}) before running:\n${output.slice(-30).join('\n')}`)));
  });
  return { launcher, url, output, exited };
}

/** Every process the launcher started, direct children and theirs. */
function descendantsOf(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The processes still alive a moment after the launcher exited, described for the failure
 * message. Grandchildren (tsx's compiler service) exit when their parent's pipe closes, a
 * beat after it, so a few seconds are allowed.
 */
async function survivors(pids: number[]): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(isAlive).map((pid) => {
    try {
      return execFileSync('ps', ['-o', 'pid=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return String(pid);
    }
  });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shopgraph-start-'));
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await redis.cleanup();
  });

  it('when started, stopped with SIGTERM and started again, then the cart survives and no process is left behind', { timeout: 300_000 }, async () => {
    const port = await freePortRange();
    const mailPorts = { smtp: await freePortRange(), page: await freePortRange() };
    const first = await launch(dataDir, port, mailPorts);
    expect(first.url).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(first.output.join('\n')).toMatch(/generated development keys/);

    const shop = createStorefront(first.url);
    const added = await shop.request<{ addToCart: { cart: { id: string } } }>(contractOperation('AddToCart'), { variantId: 'var_00003_1', quantity: 2 });
    const cartId = added.body.data!.addToCart.cart.id;

    // Identity's email reaches the local SMTP server: the link is printed, and shown on the mailbox page.
    const resetAsked = await shop.request<{ requestPasswordReset: { errors: { code: string }[] } }>(
      'mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) { errors { code } } }',
      { email: 'admin@shopgraph.localhost' },
    );
    expect(resetAsked.body).toMatchObject({ data: { requestPasswordReset: { errors: [] } } });
    // The stack counted the request under the prefix it was given, not the shared `shopgraph:`.
    expect(await redis.client.exists(`${redis.prefix}reset:account:admin@shopgraph.localhost`)).toBe(1);
    await eventually(async () => expect(first.output.join('\n')).toMatch(/email to admin@shopgraph\.localhost: "Reset your shopgraph password"\n\s+http:\/\/127\.0\.0\.1:\d+\/#\/reset-password\/[A-Za-z0-9_-]{43}/));
    const mailboxPage = await (await fetch(`http://127.0.0.1:${mailPorts.page}/`)).text();
    expect(mailboxPage).toContain('Reset your shopgraph password');

    const started = descendantsOf(first.launcher.pid!);
    expect(started.length).toBeGreaterThanOrEqual(6); // four subgraphs, the gateway, DynamoDB Local
    first.launcher.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await survivors(started)).toEqual([]);
    expect(first.output.join('\n')).toMatch(/\[shopgraph\] stopped/);

    const second = await launch(dataDir, port, mailPorts);
    expect(second.output.join('\n')).not.toMatch(/seeded/);
    const { body } = await shop.request<{ cart: { id: string; totalQuantity: number } }>(contractOperation('Cart'));
    expect(body.data!.cart).toMatchObject({ id: cartId, totalQuantity: 2 });

    const startedAgain = descendantsOf(second.launcher.pid!);
    second.launcher.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(await survivors(startedAgain)).toEqual([]);
  });
});
