import { createSessionKeyRing, generateKeys, internalContextPrivateKeySchema, internalContextPublicKeySetSchema, sessionKeySetSchema } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';
import { rotateSessionKeys, toEnvFile, toKeyFiles } from '../../tools/keys/key-files.js';

describe('generated key files', () => {
  it('the .env lines hold the three values as JSON the services accept', async () => {
    const keys = await generateKeys('env');
    const lines = Object.fromEntries(
      toEnvFile(keys)
        .split('\n')
        .filter((line) => /^[A-Z_]+='/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 2, -1)]),
    );
    expect(Object.keys(lines).sort()).toEqual(['INTERNAL_CONTEXT_PRIVATE_KEY', 'INTERNAL_CONTEXT_PUBLIC_KEYS', 'SESSION_KEYS']);
    expect(sessionKeySetSchema.parse(JSON.parse(lines['SESSION_KEYS']!))).toEqual(keys.sessionKeys);
    expect(internalContextPrivateKeySchema.safeParse(JSON.parse(lines['INTERNAL_CONTEXT_PRIVATE_KEY']!)).success).toBe(true);
    expect(internalContextPublicKeySetSchema.safeParse(JSON.parse(lines['INTERNAL_CONTEXT_PUBLIC_KEYS']!)).success).toBe(true);
    // No single quote inside a value, so compose's single-quoted form keeps it literal.
    expect(Object.values(lines).some((value) => value.includes("'"))).toBe(false);
  });

  it('the per-value files are the same values', async () => {
    const keys = await generateKeys('files');
    const files = toKeyFiles(keys);
    expect(JSON.parse(files['session-keys.json']!)).toEqual(keys.sessionKeys);
    expect(JSON.parse(files['internal-context-public-keys.json']!)).toEqual(keys.internalContextPublicKeys);
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
