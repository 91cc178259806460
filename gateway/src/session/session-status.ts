import { HEADER_INTERNAL_CONTEXT, type InternalContextSigner, type Logger, type Session } from '@shopgraph/shared';
import type { SessionRevocations } from '@shopgraph/shared/server';

export interface SessionStatusDeps {
  revocations: SessionRevocations;
  signer: InternalContextSigner;
  /** identity's /internal/session-status, read only when Redis cannot answer. */
  identityStatusUrl: string;
  timeoutMs?: number;
}

/**
 * Whether a session whose token verified is still live. The hot path is one Redis MGET; no
 * DynamoDB read. When Redis cannot answer (down, or it lost the revocations and identity has
 * not restored them yet), identity reads the durable record instead, and
 * the request goes on. If neither can answer, a signed-in session is refused (it may have
 * been revoked) while an anonymous one, which guards nothing, is kept.
 */
export function createSessionStatus({ revocations, signer, identityStatusUrl, timeoutMs = 1_500 }: SessionStatusDeps) {
  return async function isActive(session: Session, requestId: string, logger: Logger): Promise<boolean> {
    const revoked = await revocations.isRevoked(session.sessionId);
    if (revoked !== undefined) return !revoked;
    logger.warn('redis cannot vouch for revocations; checking the session record with identity');
    try {
      const response = await fetch(identityStatusUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HEADER_INTERNAL_CONTEXT]: await signer.sign({ session, requestId }) },
        body: '{}',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`identity answered ${response.status}`);
      return ((await response.json()) as { active?: unknown }).active === true;
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'session status unknown: neither redis nor identity answered');
      return !session.customerId;
    }
  };
}

export type SessionStatus = ReturnType<typeof createSessionStatus>;
