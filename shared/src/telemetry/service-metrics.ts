import type { Counter, Histogram, Meter } from '@opentelemetry/api';

/** Seconds; from a cache hit to a slow cross-service write. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every instrument a shopgraph service records; docs/operations.md says what each means. */
export interface ServiceMetrics {
  /** GraphQL requests by `operation` and `outcome` (ok, error). */
  requests: Counter;
  /** Seconds from request to response, by `operation`. */
  requestDuration: Histogram;
  /** GraphQL errors in responses, by `operation` and `code` (their `extensions.code`). */
  errors: Counter;
  /** DynamoDB calls by `table`, `command` and `outcome` (ok, throttled, conditional_check_failed, error). */
  dynamodbCalls: Counter;
  /** Seconds per DynamoDB call, retries included, by `table` and `command`. */
  dynamodbDuration: Histogram;
  /** Capacity units DynamoDB reports, by `table` and `command`. */
  dynamodbCapacity: Counter;
  /** Requests that could not use Redis and took the slower path, by `path`. */
  redisFallbacks: Counter;
  /** In-process cache lookups by `cache` and `result` (hit, miss). */
  cacheLookups: Counter;
  /** Anonymous sessions the gateway minted. */
  sessionsMinted: Counter;
}

export function createServiceMetrics(meter: Meter): ServiceMetrics {
  return {
    requests: meter.createCounter('shopgraph.graphql.requests', { description: 'GraphQL requests, by operation and outcome' }),
    requestDuration: meter.createHistogram('shopgraph.graphql.request.duration', {
      description: 'GraphQL request latency, by operation',
      unit: 's',
      advice: { explicitBucketBoundaries: LATENCY_BUCKETS },
    }),
    errors: meter.createCounter('shopgraph.graphql.errors', { description: 'GraphQL errors in responses, by operation and extensions.code' }),
    dynamodbCalls: meter.createCounter('shopgraph.dynamodb.calls', { description: 'DynamoDB calls, by table, command and outcome' }),
    dynamodbDuration: meter.createHistogram('shopgraph.dynamodb.call.duration', {
      description: 'DynamoDB call latency including SDK retries, by table and command',
      unit: 's',
      advice: { explicitBucketBoundaries: LATENCY_BUCKETS },
    }),
    dynamodbCapacity: meter.createCounter('shopgraph.dynamodb.consumed_capacity', { description: 'DynamoDB consumed capacity units, by table and command' }),
    redisFallbacks: meter.createCounter('shopgraph.redis.fallbacks', { description: 'Requests that took the slower path because Redis could not answer, by path' }),
    cacheLookups: meter.createCounter('shopgraph.cache.lookups', { description: 'In-process cache lookups, by cache and result' }),
    sessionsMinted: meter.createCounter('shopgraph.sessions.minted', { description: 'Anonymous sessions minted by the gateway' }),
  };
}
