import type { Engine } from './engine.js';
import type { ComposePlan, PlannedService } from './compose-plan.js';
import { waitCompleted, waitHealthy } from './wait-for.js';

/** How long each service took to meet its condition after its wave started. */
export type StartTimes = Record<string, number>;

export interface ComposeStack {
  /** The container of a service (compose's naming differs between tools; labels do not). */
  containerOf(service: string): string;
  /** Creates every container, then starts them wave by wave, waiting for each condition. */
  up(): Promise<StartTimes>;
  /** Waits for one service's condition again (after a restart, say). */
  awaitService(service: string): Promise<number>;
  /** The last `lines` lines each container logged, for a failure's report (empty before `up`). */
  logTails(lines: number): Promise<{ service: string; text: string }[]>;
  /** Removes every container, pod, network and volume of the project, whatever state the run left. */
  down(): Promise<string[]>;
}

export interface ComposeStackOptions {
  engine: Engine;
  plan: ComposePlan;
  composeFile: string;
  /** Variables compose interpolates (the generated keys). */
  variables: Record<string, string>;
  healthTimeoutMs: number;
  log: (message: string) => void;
}

const LABEL_PROJECT = 'com.docker.compose.project';
const LABEL_SERVICE = 'com.docker.compose.service';

/**
 * The compose topology, run by the compose tool but started by this script: podman-compose
 * 1.0.3 ignores `service_healthy` and `service_completed_successfully` (catalog once indexed
 * no products because it started before the seed was done), so the tool only creates the
 * containers and each wave starts when the one before has met its conditions.
 */
export function createComposeStack({ engine, plan, composeFile, variables, healthTimeoutMs, log }: ComposeStackOptions): ComposeStack {
  const containers = new Map<string, string>();
  const composeArgs = ['-p', plan.project, '-f', composeFile];
  const env = { ...engine.env, ...variables };
  const serviceNamed = (name: string): PlannedService => plan.services.find((service) => service.name === name)!;
  const containerOf = (service: string) => {
    const name = containers.get(service);
    if (!name) throw new Error(`no container for compose service ${service}`);
    return name;
  };

  const awaitService = async (name: string): Promise<number> => {
    const service = serviceNamed(name);
    const container = containerOf(name);
    if (service.awaited === 'completed') return waitCompleted(engine, { service: name, container, timeoutMs: healthTimeoutMs });
    if (service.awaited === 'healthy') return waitHealthy(engine, { service: name, container, check: service.healthCheck!, timeoutMs: healthTimeoutMs });
    return 0;
  };

  return {
    containerOf,
    awaitService,
    async up() {
      // No -d: podman-compose 1.0.3 passes it on to `podman create`, which refuses it.
      const created = await engine.compose([...composeArgs, 'up', '--no-build', '--no-start'], { env, timeoutMs: 5 * 60_000 });
      if (created.code !== 0) throw new Error(`compose could not create the containers:\n${created.stderr.trim().split('\n').slice(-10).join('\n')}`);
      const listed = await engine.runChecked(['ps', '-a', '--filter', `label=${LABEL_PROJECT}=${plan.project}`, '--format', `{{.Names}} {{ index .Labels "${LABEL_SERVICE}" }}`]);
      for (const line of listed.stdout.trim().split('\n')) {
        const [name, service] = line.trim().split(' ');
        if (name && service) containers.set(service, name);
      }
      for (const service of plan.services) containerOf(service.name);
      const times: StartTimes = {};
      for (const wave of plan.waves) {
        const started = Date.now();
        log(`starting ${wave.join(', ')}`);
        await engine.runChecked(['start', ...wave.map(containerOf)], { timeoutMs: 2 * 60_000 });
        await Promise.all(
          wave.map(async (name) => {
            await awaitService(name);
            times[name] = (Date.now() - started) / 1000;
            const awaited = serviceNamed(name).awaited;
            if (awaited !== 'started') log(`${name}: ${awaited === 'healthy' ? 'healthy' : 'exited 0'} after ${times[name].toFixed(1)} s`);
          }),
        );
      }
      return times;
    },
    async logTails(lines) {
      return Promise.all(
        [...containers].map(async ([service, container]) => {
          const logged = await engine.run(['logs', '--tail', String(lines), container], { timeoutMs: 30_000 });
          return { service, text: `${logged.stdout}${logged.stderr}`.trim() };
        }),
      );
    },
    async down() {
      const problems: string[] = [];
      const down = await engine.compose([...composeArgs, 'down', '-v', '-t', '15'], { env, timeoutMs: 5 * 60_000 });
      if (down.code !== 0) problems.push(`compose down exited ${down.code}`);
      // Whatever compose left (a container it did not know of, a run that failed half-way).
      const left = await engine.run(['ps', '-a', '-q', '--filter', `label=${LABEL_PROJECT}=${plan.project}`]);
      const ids = left.stdout.split('\n').filter(Boolean);
      if (ids.length > 0) await engine.run(['rm', '-f', '-t', '0', ...ids], { timeoutMs: 2 * 60_000 });
      if (engine.kind === 'podman') await engine.run(['pod', 'rm', '-f', '--ignore', `pod_${plan.project}`]);
      const networks = await engine.run(['network', 'ls', '-q', '--filter', `label=${LABEL_PROJECT}=${plan.project}`]);
      for (const network of networks.stdout.split('\n').filter(Boolean)) await engine.run(['network', 'rm', '-f', network]);
      const volumes = await engine.run(['volume', 'ls', '-q', '--filter', `label=${LABEL_PROJECT}=${plan.project}`]);
      for (const volume of volumes.stdout.split('\n').filter(Boolean)) await engine.run(['volume', 'rm', '-f', volume]);
      const still = await engine.run(['ps', '-a', '-q', '--filter', `label=${LABEL_PROJECT}=${plan.project}`]);
      if (still.stdout.trim()) problems.push(`containers still there after teardown: ${still.stdout.trim().split('\n').join(' ')}`);
      return problems;
    },
  };
}
