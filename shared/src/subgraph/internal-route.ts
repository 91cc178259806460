import type { Request, Response, Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../logger.js';
import type { SubgraphContext } from './subgraph-context.js';

/**
 * One POST route for the gateway's own calls. The request's context comes from the same
 * signed internal context as GraphQL requests; `answer` returns the JSON body, or undefined
 * to refuse with 401 (no session, or not the context the route needs). Failures are logged
 * and answered 500 without detail.
 */
export function internalRoute<TContext extends SubgraphContext>(
  router: Router,
  path: string,
  { logger, contextFor }: { logger: Logger; contextFor: (headers: IncomingHttpHeaders) => Promise<TContext> },
  answer: (context: TContext) => Promise<Record<string, unknown> | undefined>,
): void {
  router.post(path, (req: Request, res: Response) => {
    const run = async () => {
      const body = await answer(await contextFor(req.headers));
      if (body) res.json(body);
      else res.status(401).json({ error: 'UNAUTHENTICATED' });
    };
    run().catch((error: unknown) => {
      logger.error({ err: error, path }, 'internal call failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    });
  });
}
