import { z } from 'zod';

/**
 * The variables every service reads to configure traces and metrics. Nothing is exported and
 * no port is opened unless one of them says so.
 */
export const telemetryEnvFields = {
  /** An OTLP/HTTP collector's base URL (`/v1/traces` and `/v1/metrics` are appended). Unset: nothing is sent. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Share of new traces (those not continuing a caller's) that are recorded, 0 to 1. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** How often metrics are pushed over OTLP, in milliseconds. */
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Port of the Prometheus listener (`GET /metrics`); unset: no listener. Never the service's own port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address of that listener: loopback by default, so only the task itself (a collector sidecar) can scrape it. */
  METRICS_HOST: z.string().default('127.0.0.1'),
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
