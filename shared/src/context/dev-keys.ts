import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import type { SessionKeySet } from '../session/key-ring.js';

export interface GeneratedKeys {
  sessionKeys: SessionKeySet;
  internalContextPrivateKey: JWK;
  internalContextPublicKeys: { keys: JWK[] };
  /** Checkout's own key, for its calls to cart (CHECKOUT_SIGNING_KEY / CHECKOUT_SIGNING_PUBLIC_KEYS). */
  checkoutSigningPrivateKey: JWK;
  checkoutSigningPublicKeys: { keys: JWK[] };
  /** Catalog's own key, for its stock reads at checkout (CATALOG_SIGNING_KEY / CATALOG_SIGNING_PUBLIC_KEYS). */
  catalogSigningPrivateKey: JWK;
  catalogSigningPublicKeys: { keys: JWK[] };
  /** Identity's own key, for the guest hand-over at sign-in to cart and checkout (IDENTITY_SIGNING_KEY / IDENTITY_SIGNING_PUBLIC_KEYS). */
  identitySigningPrivateKey: JWK;
  identitySigningPublicKeys: { keys: JWK[] };
}

/** An Ed25519 key pair as a private JWK and a one-key public JWK set, both with `kid`. */
export async function generateSigningKeyPair(kid: string): Promise<{ privateKey: JWK; publicKeys: { keys: JWK[] } }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateKey: { ...(await exportJWK(privateKey)), kid }, publicKeys: { keys: [{ ...(await exportJWK(publicKey)), kid }] } };
}

/**
 * Fresh keys for local development and tests. Production keys come from configuration
 * (a secrets manager); these are generated on the machine and never leave it.
 */
export async function generateKeys(kidSuffix = Date.now().toString(36)): Promise<GeneratedKeys> {
  const [context, checkout, catalog, identity] = await Promise.all([
    generateSigningKeyPair(`ctx-${kidSuffix}`),
    generateSigningKeyPair(`checkout-${kidSuffix}`),
    generateSigningKeyPair(`catalog-${kidSuffix}`),
    generateSigningKeyPair(`identity-${kidSuffix}`),
  ]);
  return {
    sessionKeys: { keys: [{ kty: 'oct', kid: `session-${kidSuffix}`, k: randomBytes(32).toString('base64url') }] },
    internalContextPrivateKey: context.privateKey,
    internalContextPublicKeys: context.publicKeys,
    checkoutSigningPrivateKey: checkout.privateKey,
    checkoutSigningPublicKeys: checkout.publicKeys,
    catalogSigningPrivateKey: catalog.privateKey,
    catalogSigningPublicKeys: catalog.publicKeys,
    identitySigningPrivateKey: identity.privateKey,
    identitySigningPublicKeys: identity.publicKeys,
  };
}
