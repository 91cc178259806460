export { inParallel } from './async/in-parallel.js';
export { ConfigError, loadConfig } from './config/load-config.js';
export { MAX_CART_LINES } from './commerce-limits.js';
export {
  ADDRESS_LIMITS,
  isCountryCode,
  normalisePostalAddress,
  type AddressProblem,
  type PostalAddress,
  type PostalAddressInput,
} from './commerce/postal-address.js';
export { envFields } from './config/env-fields.js';
export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { createLogThrottle, type LogThrottle } from './logging/log-throttle.js';
export {
  ErrorCode,
  codedError,
  isClientVisibleErrorCode,
} from './errors/error-codes.js';
export { userError, type UserError } from './errors/user-error.js';
export {
  HEADER_IDEMPOTENCY_KEY,
  HEADER_INTERNAL_CONTEXT,
  HEADER_REFRESHED_SESSION_TOKEN,
  HEADER_REQUEST_ID,
  HEADER_SERVICE_TOKEN,
  HEADER_SESSION_CHANGE,
  HEADER_SESSION_HOLDS_STATE,
  IDEMPOTENCY_KEY_PATTERN,
  SESSION_COOKIE_NAME,
} from './headers.js';
export { decodeSessionChange, encodeSessionChange, sessionChangeSchema, type SessionChange } from './session/session-change.js';
export {
  Role,
  SESSION_ID_PATTERN,
  sessionClaimsSchema,
  type Session,
  type SessionClaims,
} from './session/session-claims.js';
export {
  createSessionKeyRing,
  sessionKeySetSchema,
  type SessionKeyRing,
  type SessionKeySet,
} from './session/key-ring.js';
export {
  MAX_SESSION_TOKEN_LENGTH,
  createSessionTokenCodec,
  toSession,
  type DecodeResult,
  type SessionTokenCodec,
  type TokenRejection,
} from './session/session-token.js';
export { newSessionId } from './session/session-id.js';
export { endedByMark } from './session/session-mark.js';
export {
  INTERNAL_CONTEXT_LIFETIME_SECONDS,
  createInternalContextSigner,
  createInternalContextVerifier,
  internalContextPrivateKeySchema,
  internalContextPublicKeySetSchema,
  type InternalContext,
  type InternalContextSigner,
  type InternalContextVerifier,
} from './context/internal-context.js';
export { generateKeys, generateSigningKeyPair, type GeneratedKeys } from './context/dev-keys.js';
export {
  createServiceTokenSigner,
  createServiceTokenVerifier,
  type ServiceTokenClaims,
  type ServiceTokenSigner,
  type ServiceTokenVerifier,
} from './context/service-token.js';
export {
  tableDefinitions,
  type GlobalSecondaryIndex,
  type KeyAttribute,
  type TableDefinition,
  type TableKey,
} from './tables/table-definitions.js';
export { SERVICE_CALLS, SUBGRAPH_NAMES, serviceCallEnvironment, type ServiceName, type SubgraphCall, type SubgraphName } from './topology/service-calls.js';
export { subgraphEnvSchema, toSubgraphBaseConfig, type SubgraphBaseConfig } from './config/subgraph-env.js';
export { telemetryEnvFields, toTelemetryConfig, type TelemetryConfig } from './telemetry/telemetry-config.js';
