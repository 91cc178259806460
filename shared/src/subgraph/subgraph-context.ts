import { codedError, ErrorCode } from '../errors/error-codes.js';
import type { Logger } from '../logger.js';
import type { Role, Session } from '../session/session-claims.js';

/** What every subgraph resolver can rely on; each subgraph extends it with its own services. */
export interface SubgraphContext {
  requestId: string;
  /** Present only when the gateway's signed internal context verified. */
  session?: Session;
  /** The client's address and User-Agent, from the same signed context. */
  clientIp?: string;
  userAgent?: string;
  /** The client's Idempotency-Key for this request, when it sent a well-formed one. */
  idempotencyKey?: string;
  logger: Logger;
  /** Headers to add to this request's HTTP response (identity's session change, for the gateway). */
  responseHeaders: Map<string, string>;
}

/** Session-bound work refuses to run without a verified session: nobody's cart is readable unsigned. */
export function requireSession(context: SubgraphContext): Session {
  if (!context.session) {
    throw codedError(ErrorCode.UNAUTHENTICATED, 'This operation needs a session; send requests through the gateway.');
  }
  return context.session;
}

export function requireRole(context: SubgraphContext, role: Role): Session {
  const session = requireSession(context);
  if (session.role !== role) {
    throw codedError(ErrorCode.FORBIDDEN, `This operation is allowed only to the ${role} role.`);
  }
  return session;
}
