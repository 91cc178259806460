export { createServiceServer, type ReadinessCheck, type ServiceServer, type ServiceServerOptions } from './http/service-server.js';
export { exitOnStartFailure, stopOnSignals } from './http/run-until-signal.js';
export { connectRedis, createRedisClient, type RedisClientOptions } from './redis/redis-client.js';
export { MASKED_ERROR_MESSAGE, createErrorMaskingPlugin, maskError } from './graphql/error-masking-plugin.js';
export { requireRole, requireSession, type SubgraphContext } from './subgraph/subgraph-context.js';
export { createSubgraphServer, type InternalRouteInstaller, type SubgraphServer, type SubgraphServerOptions } from './subgraph/create-subgraph-server.js';
export { DateTimeScalar } from './graphql/date-time-scalar.js';
export { readSchema } from './graphql/read-schema.js';
export { runService, type RunServiceOptions } from './http/run-service.js';
export { createSessionRevocations, type SessionRevocations } from './redis/session-revocations.js';
export { internalRoute } from './subgraph/internal-route.js';
export {
  InternalCallError,
  createInternalClient,
  type EntityLookup,
  type InternalCallFailure,
  type InternalCallOptions,
  type InternalClient,
  type InternalClientOptions,
} from './http/internal-client.js';
export { serviceRoute, StatusAnswer } from './subgraph/service-route.js';
export { createTelemetry, ATTR_SERVICE, type Telemetry } from './telemetry/telemetry.js';
export type { ServiceMetrics } from './telemetry/service-metrics.js';
export { createGraphQLTelemetryPlugin } from './telemetry/graphql-telemetry-plugin.js';
export { instrumentDocumentClient } from './telemetry/dynamo-telemetry.js';
export { traceRedisCommands } from './telemetry/redis-tracing.js';
export { inClientSpan } from './telemetry/in-span.js';
export { traceHeaders } from './telemetry/context-propagation.js';
export { countRevocationFallbacks } from './telemetry/counted-revocations.js';
export { activeTelemetry } from './telemetry/telemetry-context.js';
export { ExpiringCache, type CacheEntry, type CacheLimits } from './caching/expiring-cache.js';
export { SecondSight } from './caching/second-sight.js';
