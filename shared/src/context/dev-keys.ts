import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import type { SessionKeySet } from '../session/key-ring.js';

export interface GeneratedKeys {
  sessionKeys: SessionKeySet;
  internalContextPrivateKey: JWK;
  internalContextPublicKeys: { keys: JWK[] };
}

/**
 * Fresh keys for local development and tests. Production keys come from configuration
 * (a secrets manager); these are generated on the machine and never leave it.
 */
export async function generateKeys(kidSuffix = Date.now().toString(36)): Promise<GeneratedKeys> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = `ctx-${kidSuffix}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid };
  const publicJwk = { ...(await exportJWK(publicKey)), kid };
  return {
    sessionKeys: { keys: [{ kty: 'oct', kid: `session-${kidSuffix}`, k: randomBytes(32).toString('base64url') }] },
    internalContextPrivateKey: privateJwk,
    internalContextPublicKeys: { keys: [publicJwk] },
  };
}
