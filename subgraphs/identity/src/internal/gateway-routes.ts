import { endedByMark, type Logger } from '@shopgraph/shared';
import { internalRoute } from '@shopgraph/shared/server';
import type { Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { IdentityContext } from '../context.js';

/**
 * The gateway's own calls to identity, authenticated by the same signed internal context as
 * GraphQL requests:
 * - POST /internal/session-status: the fallback when Redis cannot say whether a session was
 *   revoked. An anonymous session without a record is active; a tombstone left at sign-in, or
 *   a revoked, expired or idle signed-in session, or one its customer's mark ended, is not.
 * - POST /internal/session-seen: records when a signed-in session was last used (the gateway
 *   calls it at most once per few minutes per session), and gives an anonymous session its
 *   record once it holds state (its first cart line).
 */
export function gatewayRoutes(logger: Logger, { idleTimeoutSeconds, lifetimeSeconds }: { idleTimeoutSeconds: number; lifetimeSeconds: number }) {
  return (router: Router, contextFor: (headers: IncomingHttpHeaders) => Promise<IdentityContext>): void => {
    internalRoute(router, '/session-status', { logger, contextFor }, async (context) => {
      if (!context.session) return undefined;
      const { sessionId, customerId } = context.session;
      const [record, ended] = await Promise.all([
        context.sessions.find(sessionId),
        customerId ? context.customerSessions.endedOf(customerId) : undefined,
      ]);
      const idle = record !== undefined && Date.parse(record.lastSeenAt) / 1000 + idleTimeoutSeconds < Date.now() / 1000;
      // The record's sign-in number is the one its token carries: both were written at sign-in.
      const active = customerId
        ? record !== undefined && !record.revokedAt && !idle && record.customerId === customerId && !endedByMark(record.signInNumber, ended?.through)
        : record === undefined || !record.revokedAt;
      return { active };
    });

    internalRoute(router, '/session-seen', { logger, contextFor }, async (context) => {
      if (!context.session) return undefined;
      const { sessionId, customerId } = context.session;
      const now = new Date();
      if (customerId) await context.sessions.markSeen(sessionId, now);
      else await context.sessions.recordAnonymous(sessionId, now, Math.floor(now.getTime() / 1000) + lifetimeSeconds);
      return { recorded: true };
    });
  };
}
