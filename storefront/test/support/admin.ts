import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { contractOperation, createStorefront } from '../../../test/support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload } from '../../../test/support/shoppers.js';
import type { TestStack } from '../../../test/support/stack.js';
import { setRoleCommand } from '../../../tools/identity/set-role.js';

const MANIFEST = JSON.parse(readFileSync(new URL('../../../clients/operations/manifest.json', import.meta.url), 'utf8')) as {
  operations: { name: string; body: string }[];
};

/** A persisted operation's body as the manifest holds it (admin.graphql's included). */
function manifestOperation(name: string): string {
  const operation = MANIFEST.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`no operation ${name} in clients/operations/manifest.json`);
  return operation.body;
}

export interface Admin {
  /** Runs an operation of the manifest as the admin; a GraphQL error throws, payload errors are the caller's. */
  run<TData>(name: string, variables?: Record<string, unknown>): Promise<TData>;
}

/**
 * An operator with the ADMIN role, made as production makes one: a customer signs up, the
 * operator command `npm run identity:set-role` promotes them (ending the sessions they had),
 * and they sign in again, here as a mobile client with a bearer token, through `gatewayUrl`.
 */
export async function signInAdmin(stack: TestStack, gatewayUrl: string): Promise<Admin> {
  const email = uniqueEmail('admin');
  const signUp = await createStorefront(gatewayUrl).request<{ signUp: AuthPayload }>(contractOperation('SignUp'), {
    input: { email, password: SHOPPER_PASSWORD, name: 'Operator' },
  });
  if (signUp.body.data?.signUp.errors.length !== 0) throw new Error(`admin sign-up failed: ${JSON.stringify(signUp.body)}`);

  const said: string[] = [];
  const env = { DYNAMODB_ENDPOINT: stack.tables.endpoint, IDENTITY_TABLE: stack.tables.names.identity, REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: stack.redisKeyPrefix };
  const code = await setRoleCommand([email, 'ADMIN'], env, { out: (line) => said.push(line), err: (line) => said.push(line) });
  if (code !== 0) throw new Error(`identity:set-role failed (${code}): ${said.join('\n')}`);

  const signIn = await createStorefront(gatewayUrl).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), {
    input: { email, password: SHOPPER_PASSWORD, transport: 'BEARER' },
  });
  const token = signIn.body.data?.signIn.sessionToken;
  if (!token) throw new Error(`admin sign-in failed: ${JSON.stringify(signIn.body)}`);
  const client = createStorefront(gatewayUrl, { bearer: token });
  return {
    async run<TData>(name: string, variables: Record<string, unknown> = {}): Promise<TData> {
      const { body } = await client.request<TData>(manifestOperation(name), variables);
      if (body.errors?.length || !body.data) throw new Error(`${name} failed: ${JSON.stringify(body)}`);
      return body.data;
    },
  };
}
