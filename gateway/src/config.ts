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

/** The gateway's environment, one field per variable; `docs/configuration.md` is generated from it. */
export const gatewayEnvSchema = z.object({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  HOST: envFields.host,
  PORT: envFields.port(4000),
  SHUTDOWN_TIMEOUT_MS: envFields.shutdownTimeoutMs,
  KEEP_ALIVE_TIMEOUT_MS: envFields.keepAliveTimeoutMs,
  REDIS_URL: envFields.redisUrl.describe('Redis for the fast paths (revocations); the gateway serves while it is down'),
  REDIS_KEY_PREFIX: envFields.redisKeyPrefix.describe('prefix of every Redis key (revocations); must match `REDIS_KEY_PREFIX` at identity'),
  /** CloudFront + ALB: 2. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0)
    .describe('proxies in front whose `X-Forwarded-For` is trusted for the client address (CloudFront + ALB: `2`)'),
  /** Production loads only this committed file, never introspection. */
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH).describe('the composed supergraph the gateway serves'),
  SUBGRAPH_URL_CATALOG: optionalUrl.describe('the catalog subgraph for this deployment; unset: the URL the supergraph names for it'),
  SUBGRAPH_URL_CART: optionalUrl.describe('the cart subgraph for this deployment; unset: the URL the supergraph names for it'),
  SUBGRAPH_URL_CHECKOUT: optionalUrl.describe('the checkout subgraph for this deployment; unset: the URL the supergraph names for it'),
  SUBGRAPH_URL_IDENTITY: optionalUrl.describe('the identity subgraph for this deployment; unset: the URL the supergraph names for it'),
  SESSION_KEYS: envFields
    .json(sessionKeySetSchema)
    .describe('JWK set of 256-bit `oct` keys, each with a `kid`; the first encrypts new session tokens, all decrypt'),
  INTERNAL_CONTEXT_PRIVATE_KEY: envFields
    .json(internalContextPrivateKeySchema)
    .describe('Ed25519 private JWK (with `kid`) the internal context for the subgraphs is signed with'),
  SESSION_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(30 * 24 * 3600)
    .describe('lifetime of a new anonymous session token and its cookie'),
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(14 * 24 * 3600)
    .describe('a token issued or refreshed longer ago than this has ended (the idle timeout); must match `SESSION_IDLE_TIMEOUT_SECONDS` at identity'),
  SESSION_ACTIVE_CACHE_MS: z.coerce.number().int().min(0).max(1_000).default(250)
    .describe('how long a replica reuses "not revoked" for a session before asking Redis again (`0`: ask every time); at most 1000'),
  SESSION_REFRESH_AFTER_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(300)
    .describe("tokens older than this are reissued on use (the sliding idle timeout), and the session record's last-seen time moves"),
  MAX_REQUEST_BODY_BYTES: z.coerce.number().int().min(1_024).max(10 * 1024 * 1024).default(100 * 1024)
    .describe('larger request bodies get HTTP 413'),
  MAX_OPERATION_DEPTH: limit(DEFAULT_OPERATION_LIMITS.maxDepth)
    .describe("fields on an operation's longest path, the leaf included (fragments and a connection's `edges` add no level)"),
  MAX_OPERATION_ALIASES: limit(DEFAULT_OPERATION_LIMITS.maxAliases).describe('aliased fields, `__typename` included'),
  MAX_OPERATION_ROOT_FIELDS: limit(DEFAULT_OPERATION_LIMITS.maxRootFields).describe("distinct response keys at the operation's root"),
  MAX_OPERATION_DIRECTIVES: limit(DEFAULT_OPERATION_LIMITS.maxDirectives).describe('directive uses in the operation and its fragments'),
  MAX_OPERATION_TOKENS: limit(DEFAULT_OPERATION_LIMITS.maxTokens).describe('lexical tokens of the document; the parser stops at the limit'),
  MAX_OPERATION_COST: limit(DEFAULT_OPERATION_LIMITS.maxCost)
    .describe("the operation's cost: every field 1, a list multiplying what it selects by its `first`/`last` (or `OPERATION_DEFAULT_LIST_SIZE`)"),
  OPERATION_DEFAULT_LIST_SIZE: limit(DEFAULT_OPERATION_LIMITS.defaultListSize).describe('the size the cost assumes for a list without `first`/`last`'),
  CORS_ORIGINS: corsOriginsSchema.describe(
    'comma-separated storefront origins (`https://www.shop.example`) allowed to call with credentials; each must be exactly `scheme://host[:port]`',
  ),
  /** Chrome caps it at 2 hours. */
  CORS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600).describe("how long a browser may cache a preflight's answer"),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000)
    .describe('deadline of one subgraph fetch (connect, answer, body); past it the fields that fetch serves fail with `SERVICE_UNAVAILABLE`'),
  IDENTITY_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1_500)
    .describe("deadline of the gateway's own calls to identity: the session check when Redis cannot answer (on the request path), and the last-seen bookkeeping"),
  /** Checkout's PAYMENT_TIMEOUT_MS (10 s) and the order's own writes fit inside it. */
  SUBGRAPH_PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000)
    .describe("deadline of a mutation sent to checkout (placing, confirming, capturing, refunding), which may wait on the payment provider: above checkout's `PAYMENT_TIMEOUT_MS`"),
  /** Compose's one cart replica is reachable again 2.5 to 3.5 s after its restart began; the last second of the 5 s deadline is left for the exchange. */
  SUBGRAPH_CONNECT_RETRY_MS: z.coerce.number().int().min(0).max(60_000).default(4_000)
    .describe("how long a subgraph fetch keeps asking again while the subgraph refuses the connection (a replica restarting), within the fetch's deadline; nothing was sent, so it is safe for mutations too; 0 fails at once"),
  /** A connection inside one network takes a millisecond; a replica gone with its network never answers the SYN. */
  SUBGRAPH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000)
    .describe("how long a subgraph fetch waits for its connection to be made (within the fetch's deadline); past it the connection counts as refused, and is asked again within `SUBGRAPH_CONNECT_RETRY_MS`: an address whose replica has gone (a container stopped, its network with it) never refuses, it goes silent"),
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1_024).default(64)
    .describe('keep-alive connections per subgraph at most; further fetches wait for a free one'),
  SUBGRAPH_SHARE_IN_FLIGHT_READS: envFields.boolean(true).describe(
    'identical subgraph reads in flight at once (same subgraph, query, variables and signed context, so the same session) share one fetch; mutations never do',
  ),
  /** Unset means `enforce`, except in development: the playground sends documents of its own. */
  TRUSTED_DOCUMENTS: z.enum(TRUSTED_DOCUMENT_MODES).optional().describe(
    '`enforce`: run only the operations in the manifest; `allow`: run any operation, logging each one outside the manifest once (name and id, never the text). Unset: `enforce`, or `allow` when `NODE_ENV=development`',
  ),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).default(DEFAULT_MANIFEST_PATH)
    .describe('the trusted-documents manifest (`npm run operations:manifest` writes it)'),
  PLAYGROUND: z.enum(PLAYGROUNDS).default('graphiql').describe(
    "the page a browser gets at `/graphql` in development: `graphiql`, served by the gateway and working offline, or `sandbox`, Apollo's Sandbox from Apollo's CDN; ignored outside development, where there is none",
  ),
  RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(1_000)
    .describe('public answers of session-less reads one replica keeps at most (`0`: no response cache)'),
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().min(1_024).max(4 * 1024 * 1024 * 1024).default(32 * 1024 * 1024)
    .describe("the kept answers' total JSON size at most; the least recently used go first"),
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
  /** The gateway's own calls to identity (not the query plan's fetches). */
  peerTimeouts: { identityMs: number };
  subgraphFetch: { timeoutMs: number; paymentTimeoutMs: number; connectionsPerSubgraph: number; shareInFlightReads: boolean; connectTimeoutMs: number; connectRetryMs: number };
  cors: CorsOptions;
  /** The page a browser gets at /graphql: always `off` outside development. */
  playground: PlaygroundChoice;
  responseCache: { maxEntries: number; maxBytes: number };
  telemetry: TelemetryConfig;
}

/** The only reader of the environment in the gateway. */
export function loadGatewayConfig(env: Record<string, string | undefined>): Readonly<GatewayConfig> {
  const parsed = loadConfig('gateway', gatewayEnvSchema, env);
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
    peerTimeouts: { identityMs: parsed.IDENTITY_TIMEOUT_MS },
    subgraphFetch: {
      timeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
      paymentTimeoutMs: Math.max(parsed.SUBGRAPH_PAYMENT_TIMEOUT_MS, parsed.SUBGRAPH_TIMEOUT_MS),
      connectionsPerSubgraph: parsed.SUBGRAPH_CONNECTIONS,
      shareInFlightReads: parsed.SUBGRAPH_SHARE_IN_FLIGHT_READS,
      connectTimeoutMs: parsed.SUBGRAPH_CONNECT_TIMEOUT_MS,
      connectRetryMs: parsed.SUBGRAPH_CONNECT_RETRY_MS,
    },
    cors: { origins: parsed.CORS_ORIGINS, maxAgeSeconds: parsed.CORS_MAX_AGE_SECONDS },
    playground: parsed.NODE_ENV === 'development' ? parsed.PLAYGROUND : 'off',
    responseCache: { maxEntries: parsed.RESPONSE_CACHE_MAX_ENTRIES, maxBytes: parsed.RESPONSE_CACHE_MAX_BYTES },
    telemetry: toTelemetryConfig(parsed),
  });
}
