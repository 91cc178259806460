import type { SessionClaims, SessionTokenCodec } from '@shopgraph/shared';
import { readSessionCookie } from './session-cookie.js';

export type SessionTransport = 'cookie' | 'bearer';

/** What a request presented: read from its headers once, before anything is decrypted. */
export interface PresentedToken {
  transport: SessionTransport;
  /** An Authorization header was sent: a bearer client, even when the header is malformed. */
  bearer: boolean;
  /** The token, when a well-formed one was presented. */
  token?: string;
}

/**
 * The one verdict on a presented token, from its one decryption:
 * - absent: no token, or a malformed Authorization header;
 * - refused: it did not decrypt or verify (the reason only; a token never reaches a log);
 * - idle: it verified, but was issued (or last refreshed) longer ago than the idle timeout;
 * - current: it verified and is within the idle timeout; `refreshDue` once it is older than
 *   the refresh point, when the response carries its replacement.
 */
export type TokenJudgement =
  | { kind: 'absent' }
  | { kind: 'refused'; reason: string }
  | { kind: 'idle'; idleSeconds: number }
  | { kind: 'current'; claims: SessionClaims; refreshDue: boolean };

export interface TokenPolicyOptions {
  codec: SessionTokenCodec;
  /** A token issued (or last refreshed) longer ago than this is ended: the idle timeout. */
  idleTimeoutSeconds: number;
  /** A token older than this is reissued on use: the sliding part of the idle timeout. */
  refreshAfterSeconds: number;
}

export interface TokenPolicy {
  presented(headers: { authorization?: string | undefined; cookie?: string | undefined }): PresentedToken;
  judge(presented: PresentedToken, now?: Date): Promise<TokenJudgement>;
  /**
   * Whether a public read (every field publicly cacheable) can run with no session at all:
   * - no token: yes; such a client would get a fresh anonymous session holding nothing yet;
   * - a current token not due for a refresh: yes, without the revocation check: a revoked
   *   session reads the catalog as anyone does, and its next session-bound request is refused;
   * - a token due for a refresh: no, so a browsing shopper's token still slides its idle timeout;
   * - a refused or idle token: no for a cookie, so it is replaced once rather than decrypted on
   *   every page; yes for a bearer token, whose holder would only get a throwaway session.
   */
  publicReadNeedsNoSession(presented: PresentedToken, judgement: TokenJudgement): boolean;
}

const BEARER = /^Bearer ([A-Za-z0-9._-]+)$/;

/**
 * Owns every rule about the token a request presents: where it is read from (a bearer token
 * wins over a cookie: a mobile client that sends one means it, and a stray cookie must not
 * switch its session), the idle timeout, the refresh point and the lazy-session rule. The
 * request context judges a token once and hands the judgement to whoever needs it.
 */
export function createTokenPolicy({ codec, idleTimeoutSeconds, refreshAfterSeconds }: TokenPolicyOptions): TokenPolicy {
  return {
    presented(headers) {
      const bearer = headers.authorization !== undefined;
      const token = bearer ? BEARER.exec(headers.authorization ?? '')?.[1] : readSessionCookie(headers.cookie);
      return { transport: bearer ? 'bearer' : 'cookie', bearer, ...(token ? { token } : {}) };
    },
    async judge(presented, now = new Date()) {
      if (presented.token === undefined) return { kind: 'absent' };
      const decoded = await codec.decode(presented.token, now);
      if (!decoded.ok) return { kind: 'refused', reason: decoded.reason };
      const ageSeconds = Math.floor(now.getTime() / 1000) - decoded.claims.iat;
      if (ageSeconds > idleTimeoutSeconds) return { kind: 'idle', idleSeconds: ageSeconds };
      return { kind: 'current', claims: decoded.claims, refreshDue: ageSeconds >= refreshAfterSeconds };
    },
    publicReadNeedsNoSession(presented, judgement) {
      if (judgement.kind === 'absent') return true;
      if (judgement.kind === 'current') return !judgement.refreshDue;
      return presented.bearer;
    },
  };
}
