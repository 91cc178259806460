import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { performance } from 'node:perf_hooks';
import { createBoundedLabel } from './bounded-label.js';
import type { Telemetry } from './telemetry.js';

/** Codes that mean the service failed, not the request: they mark the span as an error. */
const SERVER_FAILURES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

/**
 * Names the request's span after its GraphQL operation, tags it with the request id, and
 * counts requests, latency and errors by operation. Placed after the error-masking plugin,
 * it counts the codes clients see.
 */
export function createGraphQLTelemetryPlugin<TContext extends BaseContext & { requestId?: string }>(telemetry: Telemetry): ApolloServerPlugin<TContext> {
  const { metrics } = telemetry;
  const operationLabel = createBoundedLabel(200);
  const codeLabel = createBoundedLabel(50);
  return {
    async requestDidStart({ contextValue, request }) {
      const started = performance.now();
      const span = trace.getActiveSpan();
      if (contextValue.requestId) span?.setAttribute('shopgraph.request_id', contextValue.requestId);
      let operation = operationLabel(request.operationName);
      return {
        async didResolveOperation({ operationName, operation: definition }) {
          operation = operationLabel(operationName);
          const type = definition?.operation ?? 'query';
          span?.updateName(`graphql ${type} ${operation}`);
          span?.setAttributes({ 'graphql.operation.name': operation, 'graphql.operation.type': type });
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const perCode = new Map<string, number>();
          for (const error of errors) {
            const raw = error.extensions?.['code'];
            const code = codeLabel(typeof raw === 'string' ? raw : 'UNKNOWN');
            perCode.set(code, (perCode.get(code) ?? 0) + 1);
          }
          for (const [code, count] of perCode) metrics.errors.add(count, { operation, code });
          const codes = [...perCode.keys()];
          metrics.requests.add(1, { operation, outcome: errors.length > 0 ? 'error' : 'ok' });
          metrics.requestDuration.record((performance.now() - started) / 1000, { operation });
          if (codes.length > 0) span?.setAttribute('graphql.error.codes', codes);
          if (codes.some((code) => SERVER_FAILURES.has(code))) span?.setStatus({ code: SpanStatusCode.ERROR });
        },
      };
    },
  };
}
