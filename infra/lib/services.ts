import type { TableKey } from '@shopgraph/shared';

/** The deployed services: each is one Fargate service with its own task definition and role. */
export const SUBGRAPHS = ['catalog', 'cart', 'checkout', 'identity'] as const satisfies readonly TableKey[];
export type Subgraph = (typeof SUBGRAPHS)[number];
export const SERVICES = ['gateway', ...SUBGRAPHS] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Each service's port: the defaults in its config.ts, and the Dockerfile's ENV PORT. */
export const SERVICE_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  catalog: 4001,
  cart: 4002,
  checkout: 4003,
  identity: 4004,
};

/** The Dockerfile target that builds each service's image. */
export const IMAGE_TARGETS: Record<ServiceName, string> = {
  gateway: 'gateway',
  catalog: 'catalog',
  cart: 'cart',
  checkout: 'checkout',
  identity: 'identity',
};
