import { describe, expect, it } from 'vitest';
import { requireRecentSignIn } from '../src/domain/recent-sign-in.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const seconds = NOW.getTime() / 1000;
const session = (authTime?: number) => ({ sessionId: 'AbCdEfGhIjKlMnOpQrStUv', customerId: 'cus_1', ...(authTime === undefined ? {} : { authTime }) });
const refusal = { extensions: { code: 'REAUTHENTICATION_REQUIRED', maxAgeSeconds: 900 } };

describe('a recent sign-in', () => {
  it('when the sign-in is within the window, then the change may go on', () => {
    expect(() => requireRecentSignIn(session(seconds - 900), 900, NOW)).not.toThrow();
    expect(() => requireRecentSignIn(session(seconds), 900, NOW)).not.toThrow();
  });

  it('when it is older than the window, unknown, or far in the future, then REAUTHENTICATION_REQUIRED', () => {
    expect(() => requireRecentSignIn(session(seconds - 901), 900, NOW)).toThrow(expect.objectContaining(refusal));
    expect(() => requireRecentSignIn(session(), 900, NOW)).toThrow(expect.objectContaining(refusal));
    expect(() => requireRecentSignIn(session(seconds + 3600), 900, NOW)).toThrow(expect.objectContaining(refusal));
  });
});
