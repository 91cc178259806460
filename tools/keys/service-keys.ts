import type { GeneratedKeys } from '@shopgraph/shared';
import { keyVariables } from './key-files.js';

export type KeyedService = 'gateway' | 'catalog' | 'cart' | 'checkout' | 'identity';

/**
 * The key variables each service reads: a private key only for its owner (the gateway's
 * internal context key, checkout's, catalog's and identity's signing keys), each public set for the
 * services that verify it. The local stacks start their processes from this; compose and
 * the CDK app say the same (test/deploy/compose.test.ts, infra/test).
 */
export const SERVICE_KEY_VARIABLES: Readonly<Record<KeyedService, readonly string[]>> = {
  gateway: ['SESSION_KEYS', 'INTERNAL_CONTEXT_PRIVATE_KEY'],
  catalog: ['INTERNAL_CONTEXT_PUBLIC_KEYS', 'CATALOG_SIGNING_KEY'],
  cart: ['INTERNAL_CONTEXT_PUBLIC_KEYS', 'CHECKOUT_SIGNING_PUBLIC_KEYS', 'IDENTITY_SIGNING_PUBLIC_KEYS'],
  checkout: ['INTERNAL_CONTEXT_PUBLIC_KEYS', 'CHECKOUT_SIGNING_KEY', 'CATALOG_SIGNING_PUBLIC_KEYS', 'IDENTITY_SIGNING_PUBLIC_KEYS'],
  identity: ['INTERNAL_CONTEXT_PUBLIC_KEYS', 'SESSION_KEYS', 'IDENTITY_SIGNING_KEY', 'CHECKOUT_SIGNING_PUBLIC_KEYS'],
};

/** The key part of one service's environment. */
export function keyEnvironment(service: KeyedService, keys: GeneratedKeys): Record<string, string> {
  const values = keyVariables(keys);
  return Object.fromEntries(SERVICE_KEY_VARIABLES[service].map((variable) => [variable, values[variable]!]));
}
