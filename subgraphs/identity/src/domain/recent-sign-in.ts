import { codedError, ErrorCode, type Session } from '@shopgraph/shared';

/**
 * A sensitive change (a password, an email) needs a session whose password check is recent:
 * a stolen cookie, or a device left signed in, is not enough. A token without an auth time
 * (issued before it was carried) counts as not recent; so does one from the future beyond a
 * minute of clock skew between replicas.
 */
export function requireRecentSignIn(session: Session, windowSeconds: number, now = new Date()): void {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const age = session.authTime === undefined ? Infinity : nowSeconds - session.authTime;
  if (age > windowSeconds || age < -60) {
    throw codedError(ErrorCode.REAUTHENTICATION_REQUIRED, 'For this change, sign in again first (your last sign-in is too long ago).', {
      maxAgeSeconds: windowSeconds,
    });
  }
}
