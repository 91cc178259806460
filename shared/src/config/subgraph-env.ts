import { z } from 'zod';
import { internalContextPublicKeySetSchema } from '../context/internal-context.js';
import { telemetryEnvFields, toTelemetryConfig, type TelemetryConfig } from '../telemetry/telemetry-config.js';
import { envFields } from './env-fields.js';

/**
 * The variables every subgraph reads, mapped to a typed config. Each subgraph adds its own
 * (its table names, the URLs it calls) with `.extend` before parsing.
 */
export function subgraphEnvSchema(defaultPort: number) {
  return z.object({
    NODE_ENV: envFields.nodeEnv,
    LOG_LEVEL: envFields.logLevel,
    HOST: envFields.host,
    PORT: envFields.port(defaultPort),
    SHUTDOWN_TIMEOUT_MS: envFields.shutdownTimeoutMs,
    KEEP_ALIVE_TIMEOUT_MS: envFields.keepAliveTimeoutMs,
    AWS_REGION: envFields.awsRegion,
    DYNAMODB_ENDPOINT: envFields.dynamodbEndpoint,
    /** Subgraphs never hold the private key. */
    INTERNAL_CONTEXT_PUBLIC_KEYS: envFields
      .json(internalContextPublicKeySetSchema)
      .describe("JWK set of the gateway's Ed25519 public key(s), which verify the internal context it signs"),
    ...telemetryEnvFields,
  });
}

type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;

/** The part of a subgraph's config that is the same everywhere. */
export interface SubgraphBaseConfig {
  development: boolean;
  logLevel: string;
  http: { host: string; port: number; shutdownTimeoutMs: number; keepAliveTimeoutMs: number };
  dynamodb: { region: string; endpoint?: string | undefined };
  internalContextPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
  telemetry: TelemetryConfig;
}

export function toSubgraphBaseConfig(env: SubgraphEnv): SubgraphBaseConfig {
  return {
    development: env.NODE_ENV === 'development',
    logLevel: env.LOG_LEVEL,
    http: {
      host: env.HOST,
      port: env.PORT,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    },
    dynamodb: { region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT },
    internalContextPublicKeys: env.INTERNAL_CONTEXT_PUBLIC_KEYS,
    telemetry: toTelemetryConfig(env),
  };
}
