import { createSessionKeyRing, generateKeys, internalContextPrivateKeySchema, internalContextPublicKeySetSchema, sessionKeySetSchema } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';
import { rotateSessionKeys, toEnvFile, toKeyFiles } from '../../tools/keys/key-files.js';

describe('generated key files', () => {
  it('the .env lines hold every key value as JSON the services accept', async () => {
    const keys = await generateKeys('env');
    const lines = Object.fromEntries(
      toEnvFile(keys)
        .split('\n')
        .filter((line) => /^[A-Z_]+='/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 2, -1)]),
    );
    expect(Object.keys(lines).sort()).toEqual([
      'CATALOG_SIGNING_KEY',
      'CATALOG_SIGNING_PUBLIC_KEYS',
      'CHECKOUT_SIGNING_KEY',
      'CHECKOUT_SIGNING_PUBLIC_KEYS',
      'IDENTITY_SIGNING_KEY',
      'IDENTITY_SIGNING_PUBLIC_KEYS',
      'INTERNAL_CONTEXT_PRIVATE_KEY',
      'INTERNAL_CONTEXT_PUBLIC_KEYS',
      'SESSION_KEYS',
    ]);
    expect(sessionKeySetSchema.parse(JSON.parse(lines['SESSION_KEYS']!))).toEqual(keys.sessionKeys);
    for (const variable of ['INTERNAL_CONTEXT_PRIVATE_KEY', 'CHECKOUT_SIGNING_KEY', 'CATALOG_SIGNING_KEY', 'IDENTITY_SIGNING_KEY']) {
      expect(internalContextPrivateKeySchema.safeParse(JSON.parse(lines[variable]!)).success, variable).toBe(true);
    }
    for (const variable of ['INTERNAL_CONTEXT_PUBLIC_KEYS', 'CHECKOUT_SIGNING_PUBLIC_KEYS', 'CATALOG_SIGNING_PUBLIC_KEYS', 'IDENTITY_SIGNING_PUBLIC_KEYS']) {
      expect(internalContextPublicKeySetSchema.safeParse(JSON.parse(lines[variable]!)).success, variable).toBe(true);
    }
    // Each service's own pair: checkout's private key is not catalog's, nor the gateway's.
    expect(JSON.parse(lines['CHECKOUT_SIGNING_KEY']!)).toEqual(keys.checkoutSigningPrivateKey);
    expect(JSON.parse(lines['CATALOG_SIGNING_KEY']!)).toEqual(keys.catalogSigningPrivateKey);
    expect(JSON.parse(lines['CHECKOUT_SIGNING_PUBLIC_KEYS']!)).toEqual(keys.checkoutSigningPublicKeys);
    expect(JSON.parse(lines['CATALOG_SIGNING_PUBLIC_KEYS']!)).toEqual(keys.catalogSigningPublicKeys);
    expect(JSON.parse(lines['IDENTITY_SIGNING_KEY']!)).toEqual(keys.identitySigningPrivateKey);
    expect(JSON.parse(lines['IDENTITY_SIGNING_PUBLIC_KEYS']!)).toEqual(keys.identitySigningPublicKeys);
    // No single quote inside a value, so compose's single-quoted form keeps it literal.
    expect(Object.values(lines).some((value) => value.includes("'"))).toBe(false);
  });

  it('the per-value files are the same values', async () => {
    const keys = await generateKeys('files');
    const files = toKeyFiles(keys);
    expect(Object.keys(files).sort()).toEqual([
      'catalog-signing-key.json',
      'catalog-signing-public-keys.json',
      'checkout-signing-key.json',
      'checkout-signing-public-keys.json',
      'identity-signing-key.json',
      'identity-signing-public-keys.json',
      'internal-context-private-key.json',
      'internal-context-public-keys.json',
      'session-keys.json',
    ]);
    expect(JSON.parse(files['session-keys.json']!)).toEqual(keys.sessionKeys);
    expect(JSON.parse(files['internal-context-public-keys.json']!)).toEqual(keys.internalContextPublicKeys);
    expect(JSON.parse(files['checkout-signing-key.json']!)).toEqual(keys.checkoutSigningPrivateKey);
    expect(JSON.parse(files['checkout-signing-public-keys.json']!)).toEqual(keys.checkoutSigningPublicKeys);
    expect(JSON.parse(files['catalog-signing-key.json']!)).toEqual(keys.catalogSigningPrivateKey);
    expect(JSON.parse(files['catalog-signing-public-keys.json']!)).toEqual(keys.catalogSigningPublicKeys);
    expect(JSON.parse(files['identity-signing-key.json']!)).toEqual(keys.identitySigningPrivateKey);
    expect(JSON.parse(files['identity-signing-public-keys.json']!)).toEqual(keys.identitySigningPublicKeys);
  });
});

describe('a session key rotation', () => {
  it('adds the new key last (decrypt only), promotes it first (encrypts), then retires the old one', async () => {
    const start = (await generateKeys('old')).sessionKeys;
    const added = rotateSessionKeys(start, 'add', 'session-new');
    expect(added.keys.map((key) => key.kid)).toEqual(['session-old', 'session-new']);
    expect((await createSessionKeyRing(added)).current.kid).toBe('session-old');
    const promoted = rotateSessionKeys(added, 'promote');
    expect(promoted.keys.map((key) => key.kid)).toEqual(['session-new', 'session-old']);
    expect((await createSessionKeyRing(promoted)).current.kid).toBe('session-new');
    expect(rotateSessionKeys(promoted, 'retire').keys.map((key) => key.kid)).toEqual(['session-new']);
    expect(sessionKeySetSchema.safeParse(promoted).success).toBe(true);
  });

  it('refuses a step out of order, and a duplicate kid', async () => {
    const start = (await generateKeys('one')).sessionKeys;
    expect(() => rotateSessionKeys(start, 'promote')).toThrow(/run add first/);
    expect(() => rotateSessionKeys(start, 'retire')).toThrow(/run add first/);
    expect(() => rotateSessionKeys(start, 'add', 'session-one')).toThrow(/already has/);
    expect(rotateSessionKeys(start, 'add', 'session-two').keys).toHaveLength(2);
  });
});
