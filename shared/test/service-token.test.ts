import { createServiceTokenSigner, createServiceTokenVerifier, generateKeys } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';

describe('service tokens', () => {
  it('when checkout signs for cart, then cart verifies the claims; another issuer, audience or key is refused', async () => {
    const keys = await generateKeys('service-token');
    const signer = createServiceTokenSigner(keys.checkoutSigningPrivateKey, 'checkout');
    const verifier = createServiceTokenVerifier(keys.checkoutSigningPublicKeys, { issuer: 'checkout', audience: 'cart' });
    expect(await verifier.verify(await signer.sign('cart', { cid: 'cus_1', rid: 'r1' }))).toEqual({ cid: 'cus_1', rid: 'r1' });
    expect(await verifier.verify(await signer.sign('checkout', { cid: 'cus_1' }))).toBeUndefined();
    const catalog = createServiceTokenSigner(keys.catalogSigningPrivateKey, 'checkout');
    expect(await verifier.verify(await catalog.sign('cart', { cid: 'cus_1' }))).toBeUndefined();
    const otherIssuer = createServiceTokenSigner(keys.checkoutSigningPrivateKey, 'catalog');
    expect(await verifier.verify(await otherIssuer.sign('cart', { cid: 'cus_1' }))).toBeUndefined();
    expect(await verifier.verify(undefined)).toBeUndefined();
    expect(await verifier.verify('x'.repeat(3000))).toBeUndefined();
  });
});
