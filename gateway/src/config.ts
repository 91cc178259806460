import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  envFields,
  internalContextPrivateKeySchema,
  loadConfig,
  sessionKeySetSchema,
  telemetryEnvFields,
  toTelemetryConfig,
  type SessionKeySet,
  type TelemetryConfig,
} from '@shopgraph/shared';
import { corsOriginsSchema, type CorsOptions } from './cors.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits.js';
import { PLAYGROUNDS, type PlaygroundChoice } from './playground/playground.js';
import { TRUSTED_DOCUMENT_MODES, type TrustedDocumentMode } from './trusted-documents/trusted-documents.js';

const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));
const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../../clients/operations/manifest.json', import.meta.url));
const SUBGRAPH_NAMES = ['catalog', 'cart', 'checkout', 'identity'] as const;

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();
const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const schema = z.object({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  HOST: envFields.host,
  PORT: envFields.port(4000),
  SHUTDOWN_TIMEOUT_MS: envFields.shutdownTimeoutMs,
  KEEP_ALIVE_TIMEOUT_MS: envFields.keepAliveTimeoutMs,
  REDIS_URL: envFields.redisUrl,
  REDIS_KEY_PREFIX: envFields.redisKeyPrefix,
  /** Proxies in front of the gateway whose X-Forwarded-For is trusted (CloudFront + ALB: 2). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The composed supergraph; production loads only this committed file, never introspection. */
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
  SUBGRAPH_URL_CATALOG: optionalUrl,
  SUBGRAPH_URL_CART: optionalUrl,
  SUBGRAPH_URL_CHECKOUT: optionalUrl,
  SUBGRAPH_URL_IDENTITY: optionalUrl,
  /** JWK set of 256-bit keys; the first encrypts new session tokens, all decrypt. */
  SESSION_KEYS: envFields.json(sessionKeySetSchema),
  /** Ed25519 private JWK the gateway signs the internal context with. */
  INTERNAL_CONTEXT_PRIVATE_KEY: envFields.json(internalContextPrivateKeySchema),
  SESSION_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(30 * 24 * 3600),
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(14 * 24 * 3600),
  /** How old a token gets before a request refreshes it (and the record's last-seen time). */
  /** How long a replica reuses "not revoked" for a session before asking Redis again (0: never). */
  SESSION_ACTIVE_CACHE_MS: z.coerce.number().int().min(0).max(1_000).default(250),
  SESSION_REFRESH_AFTER_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(300),
  MAX_REQUEST_BODY_BYTES: z.coerce.number().int().min(1_024).max(10 * 1024 * 1024).default(100 * 1024),
  MAX_OPERATION_DEPTH: limit(DEFAULT_OPERATION_LIMITS.maxDepth),
  MAX_OPERATION_ALIASES: limit(DEFAULT_OPERATION_LIMITS.maxAliases),
  MAX_OPERATION_ROOT_FIELDS: limit(DEFAULT_OPERATION_LIMITS.maxRootFields),
  MAX_OPERATION_DIRECTIVES: limit(DEFAULT_OPERATION_LIMITS.maxDirectives),
  MAX_OPERATION_TOKENS: limit(DEFAULT_OPERATION_LIMITS.maxTokens),
  MAX_OPERATION_COST: limit(DEFAULT_OPERATION_LIMITS.maxCost),
  OPERATION_DEFAULT_LIST_SIZE: limit(DEFAULT_OPERATION_LIMITS.defaultListSize),
  /** Storefront origins allowed to call with credentials; none by default. */
  CORS_ORIGINS: corsOriginsSchema,
  /** How long a browser may cache a preflight's answer (Chrome caps it at 2 hours). */
  CORS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1_024).default(64),
  SUBGRAPH_SHARE_IN_FLIGHT_READS: envFields.boolean(true),
  /** Unset: `enforce`, except in development (the playground sends documents of its own). */
  TRUSTED_DOCUMENTS: z.enum(TRUSTED_DOCUMENT_MODES).optional(),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).default(DEFAULT_MANIFEST_PATH),
  /** The page a browser gets at /graphql in development: GraphiQL served offline, or Apollo's Sandbox from its CDN. */
  PLAYGROUND: z.enum(PLAYGROUNDS).default('graphiql'),
  /** Public answers of session-less reads the gateway keeps (0: none); see response-cache/. */
  RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().min(1_024).max(4 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  ...telemetryEnvFields,
});

export interface GatewayConfig {
  development: boolean;
  logLevel: string;
  http: { host: string; port: number; shutdownTimeoutMs: number; keepAliveTimeoutMs: number };
  redisUrl: string;
  redisKeyPrefix: string;
  trustProxyHops: number;
  supergraphPath: string;
  /** Per-deployment subgraph URLs, overriding the ones the supergraph file names. */
  subgraphUrls: Partial<Record<(typeof SUBGRAPH_NAMES)[number], string>>;
  sessionKeys: SessionKeySet;
  internalContextPrivateKey: z.infer<typeof internalContextPrivateKeySchema>;
  sessionLifetimeSeconds: number;
  sessionIdleTimeoutSeconds: number;
  sessionRefreshAfterSeconds: number;
  sessionActiveCacheMs: number;
  maxRequestBodyBytes: number;
  operationLimits: OperationLimits;
  trustedDocuments: { mode: TrustedDocumentMode; manifestPath: string };
  subgraphFetch: { timeoutMs: number; connectionsPerSubgraph: number; shareInFlightReads: boolean };
  cors: CorsOptions;
  /** The page a browser gets at /graphql: always `off` outside development. */
  playground: PlaygroundChoice;
  responseCache: { maxEntries: number; maxBytes: number };
  telemetry: TelemetryConfig;
}

/** The only reader of the environment in the gateway. */
export function loadGatewayConfig(env: Record<string, string | undefined>): Readonly<GatewayConfig> {
  const parsed = loadConfig('gateway', schema, env);
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name) => {
      const url = parsed[`SUBGRAPH_URL_${name.toUpperCase()}` as keyof typeof parsed] as string | undefined;
      return url ? [[name, url]] : [];
    }),
  );
  return Object.freeze({
    development: parsed.NODE_ENV === 'development',
    logLevel: parsed.LOG_LEVEL,
    http: {
      host: parsed.HOST,
      port: parsed.PORT,
      shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
      keepAliveTimeoutMs: parsed.KEEP_ALIVE_TIMEOUT_MS,
    },
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    trustProxyHops: parsed.TRUST_PROXY_HOPS,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphUrls,
    sessionKeys: parsed.SESSION_KEYS,
    internalContextPrivateKey: parsed.INTERNAL_CONTEXT_PRIVATE_KEY,
    sessionLifetimeSeconds: parsed.SESSION_LIFETIME_SECONDS,
    sessionIdleTimeoutSeconds: parsed.SESSION_IDLE_TIMEOUT_SECONDS,
    sessionRefreshAfterSeconds: parsed.SESSION_REFRESH_AFTER_SECONDS,
    sessionActiveCacheMs: parsed.SESSION_ACTIVE_CACHE_MS,
    maxRequestBodyBytes: parsed.MAX_REQUEST_BODY_BYTES,
    operationLimits: {
      maxDepth: parsed.MAX_OPERATION_DEPTH,
      maxAliases: parsed.MAX_OPERATION_ALIASES,
      maxRootFields: parsed.MAX_OPERATION_ROOT_FIELDS,
      maxDirectives: parsed.MAX_OPERATION_DIRECTIVES,
      maxTokens: parsed.MAX_OPERATION_TOKENS,
      maxCost: parsed.MAX_OPERATION_COST,
      defaultListSize: parsed.OPERATION_DEFAULT_LIST_SIZE,
    },
    trustedDocuments: {
      mode: parsed.TRUSTED_DOCUMENTS ?? (parsed.NODE_ENV === 'development' ? 'allow' : 'enforce'),
      manifestPath: parsed.TRUSTED_DOCUMENTS_MANIFEST,
    },
    subgraphFetch: {
      timeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
      connectionsPerSubgraph: parsed.SUBGRAPH_CONNECTIONS,
      shareInFlightReads: parsed.SUBGRAPH_SHARE_IN_FLIGHT_READS,
    },
    cors: { origins: parsed.CORS_ORIGINS, maxAgeSeconds: parsed.CORS_MAX_AGE_SECONDS },
    playground: parsed.NODE_ENV === 'development' ? parsed.PLAYGROUND : 'off',
    responseCache: { maxEntries: parsed.RESPONSE_CACHE_MAX_ENTRIES, maxBytes: parsed.RESPONSE_CACHE_MAX_BYTES },
    telemetry: toTelemetryConfig(parsed),
  });
}
