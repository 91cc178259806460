import { z } from 'zod';

/**
 * The variables every service reads to configure traces and metrics. Nothing is exported and
 * no port is opened unless one of them says so.
 */
export const telemetryEnvFields = {
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('base URL of the OTLP/HTTP collector (`http://collector:4318`) traces and metrics are sent to (`/v1/traces` and `/v1/metrics` are appended); unset: nothing is sent anywhere'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1).describe(
    'share of new traces recorded when exporting (0 to 1); a trace that continues a caller keeps the decision of its first service',
  ),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000).describe('how often metrics are pushed over OTLP, in ms'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional().describe(
    'port of `GET /metrics` (Prometheus text), apart from the service port so the load balancer never routes it; unset: no listener',
  ),
  METRICS_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('address of the metrics listener: loopback by default, so only the task itself (a collector sidecar) can scrape it'),
};

type TelemetryEnv = z.infer<z.ZodObject<typeof telemetryEnvFields>>;

export interface TelemetryConfig {
  /** Base URL of the OTLP/HTTP collector; undefined: no exporter at all. */
  otlpEndpoint?: string | undefined;
  /** Share of root traces recorded when exporting. */
  traceSampleRatio: number;
  metricExportIntervalMs: number;
  /** Where `GET /metrics` is served; undefined: nowhere. */
  metricsListener?: { host: string; port: number } | undefined;
}

export function toTelemetryConfig(env: TelemetryEnv): TelemetryConfig {
  return {
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    traceSampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
    metricExportIntervalMs: env.OTEL_METRIC_EXPORT_INTERVAL,
    metricsListener: env.METRICS_PORT === undefined ? undefined : { host: env.METRICS_HOST, port: env.METRICS_PORT },
  };
}
