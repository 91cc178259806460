import { parse } from 'yaml';

export type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

/** One compose service, as the run needs it. */
export interface PlannedService {
  name: string;
  image: string;
  /** The Dockerfile target when the service is built from the project's Dockerfile. */
  target?: string;
  dependsOn: Record<string, Condition>;
  /** The health check as an argv to run inside the container; undefined when it has none. */
  healthCheck?: string[];
  /** What the run waits for before anything after it starts. */
  awaited: 'healthy' | 'completed' | 'started';
}

export interface ComposePlan {
  project: string;
  services: PlannedService[];
  /** Services in start order: each wave's dependencies all belong to earlier waves. */
  waves: string[][];
  /** Host ports the stack publishes. */
  hostPorts: number[];
}

interface RawService {
  image?: string;
  build?: { target?: string };
  depends_on?: string[] | Record<string, { condition?: Condition }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number)[];
}

/**
 * A compose health check's `test` as an argv for `exec`: CMD runs as given, CMD-SHELL and a
 * bare string through `sh -c`. Run this way, a check means what the compose file says even
 * where the compose tool mangles it (podman-compose 1.0.3 quotes CMD-form checks into one word).
 */
export function healthCheckArgv(test: string | string[] | undefined): string[] | undefined {
  if (test === undefined) return undefined;
  if (typeof test === 'string') return ['sh', '-c', test];
  const [kind, ...rest] = test;
  if (kind === 'NONE') return undefined;
  if (kind === 'CMD') return rest;
  if (kind === 'CMD-SHELL') return ['sh', '-c', rest.join(' ')];
  throw new Error(`unknown health check form ${JSON.stringify(kind)}`);
}

/** The host port of a `ports` entry (`"4000:4000"`, `"127.0.0.1:8080:80"`, `4000`). */
export function hostPort(entry: string | number): number {
  const parts = String(entry).split('/')[0]!.split(':');
  return Number(parts.length === 1 ? parts[0] : parts.at(-2));
}

/**
 * Reads docker-compose.yml into what the run starts and waits for. The wait for each service
 * is the strongest condition any service places on it, and at least `healthy` for a service
 * with a health check: the run waits for every check, not only those something depends on.
 */
export function planCompose(text: string): ComposePlan {
  const doc = parse(text, { merge: true }) as { name?: string; services?: Record<string, RawService> };
  const raw = doc.services ?? {};
  const names = Object.keys(raw);
  const dependsOn = (service: RawService): Record<string, Condition> => {
    const deps = service.depends_on ?? {};
    if (Array.isArray(deps)) return Object.fromEntries(deps.map((dep) => [dep, 'service_started' as const]));
    return Object.fromEntries(Object.entries(deps).map(([dep, value]) => [dep, value?.condition ?? 'service_started']));
  };
  const services: PlannedService[] = names.map((name) => {
    const service = raw[name]!;
    if (!service.image) throw new Error(`compose service ${name} names no image`);
    const healthCheck = service.healthcheck?.disable ? undefined : healthCheckArgv(service.healthcheck?.test);
    const asked = names.flatMap((other) => Object.entries(dependsOn(raw[other]!)).filter(([dep]) => dep === name).map(([, condition]) => condition));
    const awaited = asked.includes('service_completed_successfully') ? 'completed' : healthCheck || asked.includes('service_healthy') ? 'healthy' : 'started';
    return { name, image: service.image, target: service.build?.target, dependsOn: dependsOn(service), healthCheck, awaited };
  });
  for (const service of services) {
    for (const dep of Object.keys(service.dependsOn)) if (!names.includes(dep)) throw new Error(`${service.name} depends on ${dep}, which is not a service`);
    if (service.awaited === 'healthy' && !service.healthCheck) throw new Error(`${service.name}: something waits for it to be healthy, and it has no health check`);
  }
  const waves: string[][] = [];
  const placed = new Set<string>();
  while (placed.size < names.length) {
    const wave = names.filter((name) => !placed.has(name) && Object.keys(services.find((service) => service.name === name)!.dependsOn).every((dep) => placed.has(dep)));
    if (wave.length === 0) throw new Error(`compose services depend on each other in a cycle: ${names.filter((name) => !placed.has(name)).join(', ')}`);
    for (const name of wave) placed.add(name);
    waves.push(wave);
  }
  const hostPorts = Object.values(raw).flatMap((service) => (service.ports ?? []).map(hostPort));
  return { project: doc.name ?? 'default', services, waves, hostPorts };
}
