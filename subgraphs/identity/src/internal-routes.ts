import type { Logger } from '@shopgraph/shared';
import type { Request, Response, Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { IdentityContext } from './context.js';

type ContextFor = (headers: IncomingHttpHeaders) => Promise<IdentityContext>;

/**
 * The gateway's own calls to identity, authenticated by the same signed internal context as
 * GraphQL requests:
 * - POST /internal/session-status: the fallback when Redis cannot say whether a session was
 *   revoked. An anonymous session without a record is active; a tombstone left at sign-in, or
 *   a revoked, expired or idle signed-in session, is not.
 * - POST /internal/session-seen: records when a signed-in session was last used (the gateway
 *   calls it at most once per few minutes per session), and gives an anonymous session its
 *   record once it holds state (its first cart line).
 */
export function internalRoutes(logger: Logger, { idleTimeoutSeconds, lifetimeSeconds }: { idleTimeoutSeconds: number; lifetimeSeconds: number }) {
  return (router: Router, contextFor: ContextFor): void => {
    const handle = (path: string, answer: (context: IdentityContext, res: Response) => Promise<void>) =>
      router.post(path, (req: Request, res: Response) => {
        const run = async () => {
          const context = await contextFor(req.headers);
          if (!context.session) {
            res.status(401).json({ error: 'UNAUTHENTICATED' });
            return;
          }
          await answer(context, res);
        };
        run().catch((error: unknown) => {
          logger.error({ err: error, path }, 'internal call failed');
          res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
        });
      });

    handle('/session-status', async (context, res) => {
      const { sessionId, customerId } = context.session!;
      const record = await context.sessions.find(sessionId);
      const idle = record !== undefined && Date.parse(record.lastSeenAt) / 1000 + idleTimeoutSeconds < Date.now() / 1000;
      const active = customerId
        ? record !== undefined && !record.revokedAt && !idle && record.customerId === customerId
        : record === undefined || !record.revokedAt;
      res.json({ active });
    });

    handle('/session-seen', async (context, res) => {
      const { sessionId, customerId } = context.session!;
      const now = new Date();
      if (customerId) await context.sessions.markSeen(sessionId, now);
      else await context.sessions.recordAnonymous(sessionId, now, Math.floor(now.getTime() / 1000) + lifetimeSeconds);
      res.json({ recorded: true });
    });
  };
}
