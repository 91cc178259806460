import { ErrorCode, HEADER_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_PATTERN } from '@shopgraph/shared';
import { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The request's Idempotency-Key, if it sent one. A malformed key is refused (400) rather than
 * dropped: the client is relying on it to make a retry safe, and would otherwise not know
 * that its retries could apply twice.
 */
export function idempotencyKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const key = headers[HEADER_IDEMPOTENCY_KEY];
  if (key === undefined) return undefined;
  if (typeof key === 'string' && IDEMPOTENCY_KEY_PATTERN.test(key)) return key;
  throw new GraphQLError('The Idempotency-Key header must be one value of 8 to 128 characters: letters, digits, and _ . : -', {
    extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
  });
}
