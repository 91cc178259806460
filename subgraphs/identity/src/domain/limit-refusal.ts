import { codedError, ErrorCode } from '@shopgraph/shared';
import type { Reservation } from '../store/attempt-windows.js';

/** A spent allowance answers TOO_MANY_ATTEMPTS; a limiter that cannot count answers SERVICE_UNAVAILABLE. */
export function refuse(reservation: Exclude<Reservation, { allowed: true }>, what: string): never {
  if (reservation.unavailable) {
    throw codedError(ErrorCode.SERVICE_UNAVAILABLE, `${what} is unavailable just now; try again shortly.`, {
      retryAfterSeconds: reservation.retryAfterSeconds,
    });
  }
  throw codedError(ErrorCode.TOO_MANY_ATTEMPTS, `Too many attempts. Try again in ${reservation.retryAfterSeconds} seconds.`, {
    retryAfterSeconds: reservation.retryAfterSeconds,
  });
}
