import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AdmissionRequest } from '../src/admission/operation-admission.js';
import { createOperationAdmission } from '../src/admission/operation-admission.js';
import type { GatewayContext } from '../src/context.js';
import { createRequestLifecyclePlugin } from '../src/request-lifecycle-plugin.js';

/** The lifecycle with every later step counted, behind the admission given. */
function lifecycleBehind(admit: (request: AdmissionRequest) => void) {
  const later = { policyWalks: 0, sessions: 0 };
  const plugin = createRequestLifecyclePlugin({
    admit,
    publicPolicyOf: () => {
      later.policyWalks++;
      return undefined;
    },
    applySessionChanges: async () => undefined,
  });
  const contextValue = {
    establishSession: async () => {
      later.sessions++;
      return undefined;
    },
  } as unknown as GatewayContext;
  const request = { contextValue, document: parse('{ __typename }'), operationName: null } as unknown as AdmissionRequest;
  const resolve = async () => {
    const listener = await plugin.requestDidStart!({} as never);
    await listener!.didResolveOperation!(request);
  };
  return { later, resolve };
}

describe('the order of the gateway’s steps around an operation', () => {
  it('when admission refuses an operation, then nothing after it walks the document or looks for a session', async () => {
    const calls: string[] = [];
    const admit = createOperationAdmission([
      () => {
        calls.push('trusted documents');
        throw new GraphQLError('refused', { extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' } });
      },
      () => void calls.push('limits'),
    ]);
    const { later, resolve } = lifecycleBehind(admit);
    await expect(resolve()).rejects.toMatchObject({ extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' } });
    expect(calls).toEqual(['trusted documents']);
    expect(later).toEqual({ policyWalks: 0, sessions: 0 });
  });

  it('when admission lets an operation through, then its checks ran in order and the policy and session follow', async () => {
    const calls: string[] = [];
    const admit = createOperationAdmission([() => void calls.push('trusted documents'), () => void calls.push('limits')]);
    const { later, resolve } = lifecycleBehind(admit);
    await resolve();
    expect(calls).toEqual(['trusted documents', 'limits']);
    expect(later).toEqual({ policyWalks: 1, sessions: 1 });
  });
});
