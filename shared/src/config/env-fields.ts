import { z } from 'zod';

/** Reusable zod fields for the variables every service reads the same way. */
export const envFields = {
  nodeEnv: z
    .enum(['development', 'production', 'test'])
    .default('production')
    .describe("`development` turns on introspection, stack traces in errors and the gateway's playground page; `npm start` sets it"),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback).describe('HTTP port (`0` picks a free one)'),
  host: z.string().default('0.0.0.0').describe('address to listen on'),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('the least severe level logged: `fatal`, `error`, `warn`, `info`, `debug`, `trace`; `silent` logs nothing'),
  dynamodbEndpoint: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("DynamoDB Local's URL; unset in AWS, where the AWS SDK uses its standard credential and region chain"),
  awsRegion: z.string().default('us-east-1').describe('region of the tables'),
  redisUrl: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Every Redis key a service writes starts with this, so deployments (and test files) can share a Redis. */
  redisKeyPrefix: z.string().regex(/^[\w.:-]{1,64}$/, 'letters, digits and . _ : - only').default('shopgraph:'),
  shutdownTimeoutMs: z.coerce.number().int().min(0).max(120_000).default(10_000)
    .describe('after SIGTERM, how long in-flight requests may take before their connections are closed'),
  /** Above the ALB idle timeout (60 s), so the load balancer, not Node, closes idle connections. */
  keepAliveTimeoutMs: z.coerce.number().int().min(1_000).default(65_000)
    .describe("HTTP keep-alive timeout; above the ALB's 60 s idle timeout, so the load balancer, not Node, closes idle connections (otherwise: intermittent 502s)"),
  tableName: (fallback: string) =>
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)')
      .default(fallback),
  /** `true` or `false`, nothing else: a typo must not quietly turn a feature off. */
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((text) => text === 'true'),
  /**
   * Another shopgraph service's base URL (scheme, host and port), to which each client adds the
   * path it calls (`/graphql`, `/internal/…`). A trailing `/graphql`, as the GraphQL peers' URLs
   * were once given, is accepted and dropped, so either form names the same service.
   */
  serviceUrl: (port: number) =>
    z
      .url({ protocol: /^https?$/ })
      .default(`http://127.0.0.1:${port}`)
      .transform((url) => url.replace(/\/+$/, '').replace(/\/graphql$/, '')),
  /** A JSON document in an environment variable, e.g. a JWK set. */
  json: <T extends z.ZodType>(schema: T) =>
    z.string().transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    }).pipe(schema),
};
