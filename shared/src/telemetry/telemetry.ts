import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { installContextPropagation } from './context-propagation.js';
import { createServiceMetrics, type ServiceMetrics } from './service-metrics.js';
import type { TelemetryConfig } from './telemetry-config.js';

/** The span attribute naming the service that recorded a span, even where services share a process. */
export const ATTR_SERVICE = 'shopgraph.service';

/** One service's traces and metrics. */
export interface Telemetry {
  readonly service: string;
  /** Records spans when an OTLP endpoint is configured; otherwise a no-op that still carries an incoming trace on. */
  readonly tracer: Tracer;
  readonly metrics: ServiceMetrics;
  /** This service's metrics as Prometheus text; undefined unless a metrics listener is configured. */
  readonly prometheus: PrometheusExporter | undefined;
  readonly metricsListener: TelemetryConfig['metricsListener'];
  /** Whether spans are recorded and exported. */
  readonly recording: boolean;
  /** Whether a request's `traceparent` is continued; false at the edge (see createTelemetry). */
  readonly continueCallerTraces: boolean;
  /** Flushes what is buffered (spans, the last metrics) and stops exporting. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Builds a service's own tracer and meter providers, not the process-wide globals: the
 * globals are shared with @apollo/gateway's bundled OpenTelemetry, which must report nothing,
 * and in tests several services share a process and each needs its own `service.name`.
 * Without `otlpEndpoint` no exporter exists at all, so nothing is sent anywhere.
 *
 * `edge`: the service's callers are the internet (the gateway). Their `traceparent` is
 * ignored, since a client could otherwise pick trace ids and force every request to be
 * sampled; every request starts a trace of its own.
 */
export function createTelemetry({ service, config, edge = false }: { service: string; config: TelemetryConfig; edge?: boolean }): Telemetry {
  const recording = config.otlpEndpoint !== undefined;
  installContextPropagation({ followAsyncWork: recording || !edge });
  const resource = resourceFromAttributes({ 'service.name': `shopgraph-${service}`, 'service.namespace': 'shopgraph' });
  const endpoint = config.otlpEndpoint?.replace(/\/+$/, '');

  const tracerProvider = endpoint
    ? new TracerProvider({
        resource,
        // A caller's decision is kept, so one trace is recorded whole or not at all.
        sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.traceSampleRatio) }),
        spanProcessors: [serviceAttribute(service), new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }) })],
      })
    : undefined;
  // The API's no-op tracer: a span costs an object, and it keeps the caller's trace context.
  const tracer = tracerProvider ? tracerProvider.getTracer('shopgraph') : noopTracer();

  const prometheus = config.metricsListener ? new PrometheusExporter({ preventServerStart: true }) : undefined;
  const readers: IMetricReader[] = [
    ...(prometheus ? [prometheus] : []),
    ...(endpoint
      ? [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }), exportIntervalMillis: config.metricExportIntervalMs })]
      : []),
  ];
  const meterProvider = new MeterProvider({ resource, readers });

  let stopped: Promise<void> | undefined;
  return {
    service,
    tracer,
    metrics: createServiceMetrics(meterProvider.getMeter('shopgraph')),
    prometheus,
    metricsListener: config.metricsListener,
    recording,
    continueCallerTraces: !edge,
    shutdown() {
      stopped ??= Promise.allSettled([tracerProvider?.shutdown(), meterProvider.shutdown()]).then(() => undefined);
      return stopped;
    },
  };
}

function noopTracer(): Tracer {
  // No provider is registered globally, so this is the API's no-op implementation.
  return trace.getTracerProvider().getTracer('shopgraph');
}

function serviceAttribute(service: string): SpanProcessor {
  return {
    onStart: (span: Span) => void span.setAttribute(ATTR_SERVICE, service),
    onEnd: () => undefined,
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}
