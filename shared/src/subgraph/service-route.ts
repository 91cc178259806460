import type { Request, Response, Router } from 'express';
import type { ServiceTokenClaims, ServiceTokenVerifier } from '../context/service-token.js';
import { HEADER_SERVICE_TOKEN } from '../headers.js';
import type { Logger } from '../logger.js';

/** An answer with a status other than 200 (409 for "not now", say), still JSON. */
export class StatusAnswer {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {}
}

/**
 * One POST route for another service's calls in its own name (checkout to cart, catalog to
 * checkout), authenticated by the caller's service token, not a gateway context. `answer`
 * gets the verified claims and the JSON body and returns the answer, `'unauthorized'` (401:
 * the claims do not name what the route needs), `'bad-request'` (400) or a StatusAnswer. Failures are logged
 * and answered 500 without detail.
 */
export function serviceRoute(
  router: Router,
  path: string,
  { logger, verifier }: { logger: Logger; verifier: ServiceTokenVerifier },
  answer: (claims: ServiceTokenClaims, body: unknown) => Promise<Record<string, unknown> | StatusAnswer | 'unauthorized' | 'bad-request'>,
): void {
  router.post(path, (req: Request, res: Response) => {
    const run = async () => {
      const claims = await verifier.verify(req.header(HEADER_SERVICE_TOKEN));
      const body = claims ? await answer(claims, req.body) : 'unauthorized';
      if (body === 'unauthorized') res.status(401).json({ error: 'UNAUTHENTICATED' });
      else if (body === 'bad-request') res.status(400).json({ error: 'BAD_REQUEST' });
      else if (body instanceof StatusAnswer) res.status(body.status).json(body.body);
      else res.json(body);
    };
    run().catch((error: unknown) => {
      logger.error({ err: error, path }, 'internal call failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    });
  });
}
