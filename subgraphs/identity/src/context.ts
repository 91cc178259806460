import type { SubgraphContext } from '@shopgraph/shared/server';

export type IdentityContext = SubgraphContext;
