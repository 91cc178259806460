import type { ErrorRequestHandler } from 'express';

/**
 * Body-parser failures answered as GraphQL-shaped JSON instead of Express's HTML page: 413 for
 * an oversized body, 400 for JSON that does not parse. Anything else is passed on.
 */
export function bodyErrorHandler(maxBytes: number): ErrorRequestHandler {
  return (error: { type?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json({
        errors: [{ message: `Request body is larger than ${maxBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
      return;
    }
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    next(error);
  };
}
