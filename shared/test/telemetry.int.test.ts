import { ConfigError, loadConfig, telemetryEnvFields, toTelemetryConfig } from '@shopgraph/shared';
import { createServiceServer, createTelemetry, traceHeaders, type ServiceServer } from '@shopgraph/shared/server';
import { metrics, trace } from '@opentelemetry/api';
import express from 'express';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogSink } from './support/log-sink.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

const telemetryConfig = (env: Record<string, string>) => toTelemetryConfig(loadConfig('test', z.object(telemetryEnvFields), env));

describe('telemetry without an exporter', () => {
  let server: ServiceServer | undefined;
  afterEach(() => server?.stop());

  /** A service whose one route answers with the trace headers it would send on an internal call. */
  async function echoService(edge = false): Promise<string> {
    const telemetry = createTelemetry({ service: 'echo', config: telemetryConfig({}), edge });
    server = createServiceServer({
      logger: createLogSink().logger,
      host: '127.0.0.1',
      port: 0,
      keepAliveTimeoutMs: 5_000,
      shutdownTimeoutMs: 1_000,
      readinessChecks: [],
      telemetry,
      mount: async (app) => {
        // After a body parser: a large body arrives in several stream events, and the context must survive them.
        app.post('/internal/trace-echo', express.json({ limit: '1mb' }), (_req, res) => void res.json(traceHeaders()));
      },
    });
    const { url, metricsUrl } = await server.start();
    expect(metricsUrl).toBeUndefined();
    return `${url}/internal/trace-echo`;
  }

  const post = (url: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ some: 'x'.repeat(200_000) }) }).then(
      (response) => response.json() as Promise<Record<string, string>>,
    );

  it('records nothing, yet carries an incoming traceparent on to the calls a request makes', async () => {
    const url = await echoService();
    expect(await post(url, { traceparent: PARENT })).toEqual({ traceparent: PARENT });
    // The control: a request without one starts no trace, so nothing is sent on.
    expect(await post(url, {})).toEqual({});
  });

  it('at the edge, ignores a client’s traceparent: a client may not pick trace ids or force sampling', async () => {
    const url = await echoService(true);
    expect(await post(url, { traceparent: PARENT })).toEqual({});
  });

  it('gives a tracer whose spans are not recorded', () => {
    const telemetry = createTelemetry({ service: 'quiet', config: telemetryConfig({}) });
    expect(telemetry.tracer.startSpan('work').isRecording()).toBe(false);
    expect(telemetry.prometheus).toBeUndefined();
  });
});

describe('telemetry with an exporter', () => {
  it('records its own spans but leaves the global providers, which @apollo/gateway reads, as no-ops', async () => {
    // Nothing listens on port 9; no span ends, so nothing is exported there either.
    const telemetry = createTelemetry({ service: 'loud', config: telemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }) });
    const span = telemetry.tracer.startSpan('work');
    expect(span.isRecording()).toBe(true);
    expect(trace.getTracer('@apollo/gateway').startSpan('plan').isRecording()).toBe(false);
    const counter = metrics.getMeter('@apollo/gateway').createCounter('probe');
    expect(counter.constructor.name).toMatch(/Noop/);
    await telemetry.shutdown();
  });
});

describe('telemetry configuration', () => {
  it('keeps the metrics listener off unless METRICS_PORT is set, and on loopback by default', () => {
    expect(telemetryConfig({}).metricsListener).toBeUndefined();
    expect(telemetryConfig({ METRICS_PORT: '9464' }).metricsListener).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(telemetryConfig({}).otlpEndpoint).toBeUndefined();
  });

  it('names a bad variable', () => {
    expect(() => telemetryConfig({ METRICS_PORT: 'nine' })).toThrow(ConfigError);
    expect(() => telemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
