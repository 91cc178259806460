import type { Logger } from '@shopgraph/shared';
import type { Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { IdentityContext } from './context.js';

/**
 * POST /internal/session-status: the gateway's fallback when Redis cannot say whether a
 * session was revoked. Reads the durable record of the session named by the gateway-signed
 * context. An anonymous session without a record is active; one with a record (a tombstone
 * left at sign-in) or a revoked or expired signed-in session is not.
 */
export function sessionStatusRoute(logger: Logger) {
  return (router: Router, contextFor: (headers: IncomingHttpHeaders) => Promise<IdentityContext>): void => {
    router.post('/session-status', (req, res) => {
      const answer = async () => {
        const context = await contextFor(req.headers);
        if (!context.session) {
          res.status(401).json({ error: 'UNAUTHENTICATED' });
          return;
        }
        const { sessionId, customerId } = context.session;
        const record = await context.sessions.find(sessionId);
        const active = customerId
          ? record !== undefined && !record.revokedAt && record.customerId === customerId
          : record === undefined || !record.revokedAt;
        res.json({ active });
      };
      answer().catch((error: unknown) => {
        logger.error({ err: error }, 'session status lookup failed');
        res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
      });
    });
  };
}
