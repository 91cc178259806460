import { TransactionCanceledException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scryptPasswordHasher, type PasswordHasher } from '@shopgraph/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

const SIGN_UP = contractOperation('SignUp');
const SIGN_IN = contractOperation('SignIn');
const PASSWORD = 'correct horse battery';
const MAX_FAILURES = 5;
const SIGN_UPS_PER_ADDRESS = 4;

interface AuthPayload {
  customer: { id: string } | null;
  errors: { code: string }[];
}
type AuthAnswer = { data?: { signIn?: AuthPayload | null; signUp?: AuthPayload | null } | null; errors?: { extensions?: Record<string, unknown> }[] };

/** Counts every password identity checks or hashes: the work a limiter exists to bound. */
function countingHasher() {
  const counts = { verified: 0, hashed: 0 };
  const hasher: PasswordHasher = {
    hash: (password) => ((counts.hashed += 1), scryptPasswordHasher.hash(password)),
    verify: (password, stored) => ((counts.verified += 1), scryptPasswordHasher.verify(password, stored)),
    verifyAgainstDummy: (password) => ((counts.verified += 1), scryptPasswordHasher.verifyAgainstDummy(password)),
  };
  return { hasher, counts };
}

/** Identity's table client, able to fail its next transactional writes the way DynamoDB can. */
function failingDynamo() {
  let failNext: (() => Error) | undefined;
  const wrap = (client: DynamoDBDocumentClient): DynamoDBDocumentClient =>
    new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
        return (command: unknown, ...rest: unknown[]) => {
          if (failNext && command instanceof TransactWriteCommand) {
            const error = failNext();
            failNext = undefined;
            return Promise.reject(error);
          }
          return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
        };
      },
    });
  return { wrap, failNextTransaction: (make: () => Error) => (failNext = make) };
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

let counter = 0;
const uniqueEmail = () => `limits${Date.now()}${counter++}@example.com`;
let address = 0;
/** A client address of its own per test, through the trusted proxy hop. */
const nextAddress = () => ({ 'x-forwarded-for': `198.51.100.${++address}` });

describe('sign-in and sign-up limits through the gateway', () => {
  let stack: TestStack;
  let gateway: string;
  const passwords = countingHasher();
  const dynamo = failingDynamo();

  beforeAll(async () => {
    stack = await startStack({
      products: 2,
      identityEnv: { SIGN_IN_MAX_FAILURES: String(MAX_FAILURES), SIGN_IN_MAX_FAILURES_PER_IP: '1000', SIGN_UP_MAX_PER_IP: String(SIGN_UPS_PER_ADDRESS) },
      identity: { passwords: passwords.hasher, wrapDynamo: dynamo.wrap },
    });
    // One proxy hop trusted, so each test can be its own client address.
    gateway = await stack.startGateway({ TRUST_PROXY_HOPS: '1' });
  });
  afterAll(() => stack?.stop());

  async function signUp(email: string, headers: Record<string, string>) {
    const { body } = await createStorefront(gateway).request<{ signUp: AuthPayload }>(SIGN_UP, { input: { email, password: PASSWORD, name: 'Ada' } }, headers);
    return body as AuthAnswer;
  }
  const signIn = async (email: string, password: string, headers: Record<string, string>) =>
    (await createStorefront(gateway).request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password } }, headers)).body as AuthAnswer;

  it('when 60 wrong passwords for one account arrive at once, then at most the limit are checked and the rest are refused', async () => {
    const email = uniqueEmail();
    expect((await signUp(email, nextAddress())).data!.signUp!.errors).toEqual([]);
    const before = passwords.counts.verified;
    const headers = nextAddress();
    const answers = await Promise.all(Array.from({ length: 60 }, () => signIn(email, 'not the password', headers)));

    expect(passwords.counts.verified - before).toBeLessThanOrEqual(MAX_FAILURES);
    const invalid = answers.filter((answer) => answer.data?.signIn?.errors[0]?.code === 'INVALID_CREDENTIALS');
    const refused = answers.filter((answer) => answer.errors?.[0]?.extensions?.['code'] === 'TOO_MANY_ATTEMPTS');
    expect(invalid).toHaveLength(passwords.counts.verified - before);
    expect(invalid.length + refused.length).toBe(60);
    // Even the right password is refused now: the account's allowance is spent.
    expect((await signIn(email, PASSWORD, headers)).errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_ATTEMPTS');
  });

  it('when fewer wrong passwords than the limit arrive at once, then each is checked and the right one still signs in (control)', async () => {
    const email = uniqueEmail();
    await signUp(email, nextAddress());
    const before = passwords.counts.verified;
    const headers = nextAddress();
    await Promise.all(Array.from({ length: MAX_FAILURES - 1 }, () => signIn(email, 'not the password', headers)));
    expect(passwords.counts.verified - before).toBe(MAX_FAILURES - 1);
    expect((await signIn(email, PASSWORD, headers)).data!.signIn!.customer).not.toBeNull();
  });

  it('when one address signs up past its limit, then it is refused with a retry-after; another address is not', async () => {
    const headers = nextAddress();
    const answers = await Promise.all(Array.from({ length: SIGN_UPS_PER_ADDRESS + 3 }, () => signUp(uniqueEmail(), headers)));
    expect(answers.filter((answer) => answer.data?.signUp?.errors.length === 0)).toHaveLength(SIGN_UPS_PER_ADDRESS);
    const refused = answers.filter((answer) => answer.errors?.[0]?.extensions?.['code'] === 'TOO_MANY_ATTEMPTS');
    expect(refused).toHaveLength(3);
    expect(refused[0]!.errors![0]!.extensions!['retryAfterSeconds']).toBeGreaterThan(0);
    expect((await signUp(uniqueEmail(), nextAddress())).data!.signUp!.errors).toEqual([]);
  });

  it('when addresses of one IPv6 /64 sign up past its limit, then they are refused as one client; another /64 is not (control)', async () => {
    const network = `2001:db8:${++address}:1`;
    for (let host = 1; host <= SIGN_UPS_PER_ADDRESS; host++) {
      expect((await signUp(uniqueEmail(), { 'x-forwarded-for': `${network}::${host}` })).data!.signUp!.errors).toEqual([]);
    }
    const sameNetwork = await signUp(uniqueEmail(), { 'x-forwarded-for': `${network}:ffff:ffff:ffff:ffff` });
    expect(sameNetwork.errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_ATTEMPTS');
    const otherNetwork = await signUp(uniqueEmail(), { 'x-forwarded-for': `2001:db8:${address}:2::1` });
    expect(otherNetwork.data!.signUp!.errors).toEqual([]);
  });

  it('when the email is taken, then the password is hashed all the same, and the answer is EMAIL_TAKEN', async () => {
    const email = uniqueEmail();
    await signUp(email, nextAddress());
    const before = passwords.counts.hashed;
    const answer = await signUp(email.toUpperCase(), nextAddress());
    expect(answer.data!.signUp!.errors.map((error) => error.code)).toEqual(['EMAIL_TAKEN']);
    expect(passwords.counts.hashed - before).toBe(1);
  });

  it.each([
    ['a conflicting transaction', () => cancelled('TransactionConflict', 'None')],
    ['throttling inside the transaction', () => cancelled('ThrottlingError', 'None')],
    ['throttling of the call', () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} })],
  ])('when sign-up meets %s, then it answers SERVICE_UNAVAILABLE, never EMAIL_TAKEN, and a retry succeeds', async (_, failure) => {
    const email = uniqueEmail();
    dynamo.failNextTransaction(failure);
    const answer = await signUp(email, nextAddress());
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect(answer.data?.signUp ?? null).toBeNull();
    // Nothing was written: the same email signs up on retry.
    expect((await signUp(email, nextAddress())).data!.signUp!.errors).toEqual([]);
  });

  it('when the email item’s own condition fails inside the transaction, then the answer is EMAIL_TAKEN (control)', async () => {
    dynamo.failNextTransaction(() => cancelled('ConditionalCheckFailed', 'None'));
    expect((await signUp(uniqueEmail(), nextAddress())).data!.signUp!.errors.map((error) => error.code)).toEqual(['EMAIL_TAKEN']);
  });
});
