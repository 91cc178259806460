import type { ServiceName } from './services.js';

/** How big a deployment is: chosen by `-c size=dev|prod`, never by editing code. */
export interface TaskSize {
  cpu: number;
  memoryMiB: number;
  minTasks: number;
  maxTasks: number;
}

export interface Sizing {
  name: 'dev' | 'prod';
  /** NAT gateways: one in dev (a zone outage cuts egress), one per zone in prod. */
  natGateways: number;
  services: Record<ServiceName, TaskSize>;
  redis: { nodeType: string; replicas: number };
  /** Scale out above this average CPU, and above this many ALB requests per gateway task per minute. */
  targetCpuPercent: number;
  requestsPerTarget: number;
  logRetentionDays: number;
}

const task = (cpu: number, memoryMiB: number, minTasks: number, maxTasks: number): TaskSize => ({ cpu, memoryMiB, minTasks, maxTasks });

export const SIZES: Record<Sizing['name'], Sizing> = {
  dev: {
    name: 'dev',
    natGateways: 1,
    services: {
      gateway: task(256, 512, 2, 4),
      catalog: task(256, 512, 1, 2),
      cart: task(256, 512, 1, 2),
      checkout: task(256, 512, 1, 2),
      identity: task(256, 512, 1, 2),
    },
    redis: { nodeType: 'cache.t4g.micro', replicas: 0 },
    targetCpuPercent: 60,
    requestsPerTarget: 3_000,
    logRetentionDays: 14,
  },
  prod: {
    name: 'prod',
    natGateways: 2,
    services: {
      gateway: task(1024, 2048, 3, 20),
      // The catalog keeps its search index in memory: more memory per task.
      catalog: task(1024, 4096, 2, 10),
      cart: task(512, 1024, 2, 10),
      checkout: task(512, 1024, 2, 10),
      identity: task(512, 1024, 2, 10),
    },
    redis: { nodeType: 'cache.m7g.large', replicas: 1 },
    targetCpuPercent: 55,
    requestsPerTarget: 6_000,
    logRetentionDays: 90,
  },
};

export function sizingFor(name: string | undefined): Sizing {
  const size = SIZES[(name ?? 'dev') as Sizing['name']];
  if (!size) throw new Error(`unknown size "${name}": use dev or prod`);
  return size;
}
