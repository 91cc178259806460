import type { ComposeStack } from './compose-stack.js';
import type { Engine } from './engine.js';
import { proxyRotation } from './proxy-rotation.js';

/** What the rejoin check saw. */
export interface RejoinResult {
  addressBefore: string;
  addressAfter: string;
  /** Requests HAProxy sent to the restarted replica after it came back, of `requests` sent since its start. */
  servedAfter: number;
  requests: number;
}

const HOLDER = 'address-holder';

async function address(engine: Engine, container: string): Promise<{ ip: string; network: string }> {
  const inspect = await engine.runChecked(['inspect', '--format', '{{range $name, $net := .NetworkSettings.Networks}}{{$name}} {{$net.IPAddress}}{{end}}', container]);
  const [network = '', ip = ''] = inspect.stdout.trim().split(' ');
  return { ip, network };
}

/**
 * A replica that comes back on a new address rejoins: stops gateway-1, lets a placeholder
 * container take its address on the compose network (so the restart cannot get the same one
 * back), starts it again, and sends requests through HAProxy: some must reach gateway-1,
 * which they can only when HAProxy has resolved its name again.
 */
export async function checkRejoin({ engine, stack, project, url, placeholderImage, log }: { engine: Engine; stack: ComposeStack; project: string; url: string; placeholderImage: string; log: (message: string) => void }): Promise<RejoinResult> {
  const gateway = stack.containerOf('gateway-1');
  const rotation = proxyRotation(engine, stack);
  const request = async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ products(first: 1) { totalCount } }' }), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`a request after gateway-1's restart answered ${response.status}`);
  };
  const before = await address(engine, gateway);
  await engine.runChecked(['stop', '-t', '15', gateway], { timeoutMs: 60_000 });
  const holder = `${project}-${HOLDER}`;
  // Labelled as the project's, so teardown removes it whatever happens here.
  await engine.runChecked(['run', '-d', '--rm', '--name', holder, '--label', `com.docker.compose.project=${project}`, '--network', before.network, '--entrypoint', 'sleep', placeholderImage, '600'], { timeoutMs: 60_000 });
  try {
    await engine.runChecked(['start', gateway], { timeoutMs: 60_000 });
    const baseline = await rotation.served('gateway-1');
    const after = await address(engine, gateway);
    log(`gateway-1 restarted: ${before.ip} -> ${after.ip}`);
    await stack.awaitService('gateway-1');
    // Traffic until the proxy sends gateway-1 a request (slowstart ramps its share up over 10 s),
    // then a fixed number more; counted from its start, since its share is still small.
    let requests = 0;
    await rotation.waitServed('gateway-1', baseline, async () => {
      requests++;
      await request();
    });
    for (let i = 0; i < 20; i++, requests++) await request();
    const servedAfter = (await rotation.served('gateway-1')) - baseline;
    return { addressBefore: before.ip, addressAfter: after.ip, servedAfter, requests };
  } finally {
    await engine.run(['rm', '-f', '-t', '0', holder], { timeoutMs: 60_000 });
  }
}
