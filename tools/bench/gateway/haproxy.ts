import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const HAPROXY = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((path) => existsSync(path));

export interface Proxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * Debian's haproxy in front of `ports`, round robin, a replica leaving the rotation as soon as
 * its /ready fails twice (checks every 300 ms). `sticky` adds the cookie stickiness the in-memory design
 * needs. A request that could not reach a replica is retried on another (`retryOn`, haproxy's
 * retry-on: by default also one whose connection died without an answer): the proxy's part
 * of a replica leaving. The generated config
 * lives in `dir`, a temporary folder of this run; every answer names its replica in
 * x-bench-replica.
 */
export async function startProxy({ dir, name, port, replicaPorts, sticky, retryOn }: { dir: string; name: string; port: number; replicaPorts: number[]; sticky: boolean; retryOn: string }): Promise<Proxy> {
  if (!HAPROXY) throw new Error('haproxy is not installed (Debian: apt-get install haproxy)');
  const config = [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout http-keep-alive 10s',
    // A replica busy under load answers its check late; that alone must not take it out.
    '  timeout check 2s',
    '  retries 3',
    '  option redispatch 1',
    `  retry-on ${retryOn}`,
    'frontend graphql',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /ready',
    '  http-check expect status 200',
    // A replica that just started (cold code paths, an empty plan cache) gets its share of
    // traffic over 10 s, not all at once; its first burst otherwise outlasted the subgraph deadline.
    '  default-server check inter 300ms fall 2 rise 1 slowstart 10s',
    '  http-response set-header x-bench-replica %s',
    ...(sticky ? ['  cookie BENCHSRV insert indirect nocache'] : []),
    ...replicaPorts.map((replicaPort, i) => `  server r${i + 1} 127.0.0.1:${replicaPort}${sticky ? ` cookie r${i + 1}` : ''}`),
    '',
  ].join('\n');
  const path = join(dir, `${name}.cfg`);
  await writeFile(path, config);
  const child = spawn(HAPROXY, ['-f', path, '-db'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', kill);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    kill();
    await exited;
    process.off('exit', kill);
  };
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`haproxy did not answer through ${url}: ${output}`);
}
