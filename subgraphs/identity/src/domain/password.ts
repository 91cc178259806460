import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A stored password: the KDF's parameters travel with the hash, so they can be raised later. */
export interface PasswordHash {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  keyLength: number;
  salt: string;
  hash: string;
}

/** scrypt at N=2^15, r=8: 32 MiB and tens of milliseconds per attempt, which is the point. */
export const CURRENT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

function derive(password: string, salt: Buffer, { N, r, p, keyLength }: Omit<PasswordHash, 'algorithm' | 'salt' | 'hash'>): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, CURRENT_PARAMETERS);
  return { algorithm: 'scrypt', ...CURRENT_PARAMETERS, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when the hash was made with weaker parameters than today's: rehash at the next sign-in. */
export function needsRehash(stored: PasswordHash): boolean {
  return stored.N < CURRENT_PARAMETERS.N || stored.r < CURRENT_PARAMETERS.r || stored.keyLength < CURRENT_PARAMETERS.keyLength;
}

/**
 * The password work identity does, as one strategy: scrypt in production; tests wrap it to
 * count how many passwords were actually checked.
 */
export interface PasswordHasher {
  hash(password: string): Promise<PasswordHash>;
  verify(password: string, stored: PasswordHash): Promise<boolean>;
  /** The same work as `verify`, for an email without an account. */
  verifyAgainstDummy(password: string): Promise<false>;
}

let dummy: Promise<PasswordHash> | undefined;

/**
 * Spends the same work as a real check, for sign-ins with an unknown email: the answer and
 * its timing must not tell whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(12).toString('base64'));
  await verifyPassword(password, await dummy);
  return false;
}

export const scryptPasswordHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword, verifyAgainstDummy };
