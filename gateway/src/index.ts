export { gatewayEnvSchema, loadGatewayConfig, type GatewayConfig } from './config.js';
export { createGatewayServer, type GatewayServer, type GatewayServerDeps } from './server.js';
export type { GatewayContext } from './context.js';
export { createRequestContext, type RequestContextDeps } from './request-context.js';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits.js';
export { measureOperation, type MeasureOptions, type OperationMeasures } from './limits/measure-operation.js';
export { countTokens } from './limits/token-count.js';
export { fragmentsOf, normalDocument } from './trusted-documents/normal-form.js';
export { createSubgraphFetcher, type SubgraphFetcher, type SubgraphFetcherOptions } from './propagation/subgraph-fetcher.js';
