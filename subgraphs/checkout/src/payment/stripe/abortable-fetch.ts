import { AsyncLocalStorage } from 'node:async_hooks';
import { PaymentOutcomeUnknown } from '../../errors.js';

/**
 * The Stripe SDK takes no AbortSignal per request, but it calls the `fetch` it is given inside
 * the request's own async context. The signal rides along in that context, so aborting it
 * closes the request's socket (a late answer can no longer be acted on) instead of only
 * ceasing to wait.
 */
const callSignal = new AsyncLocalStorage<AbortSignal>();

/** The `fetch` to give `Stripe.createFetchHttpClient`: the SDK's own timeout signal and the call's, whichever fires first. */
export const abortableFetch: typeof fetch = (input, init) => {
  const signal = callSignal.getStore();
  const signals = [init?.signal, signal].filter((s): s is AbortSignal => s !== undefined && s !== null);
  return fetch(input, { ...init, ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}) });
};

/**
 * Runs one SDK call with `signal` in its context, and stops waiting the moment it fires (the
 * SDK would otherwise retry an aborted request as a connection error).
 */
export async function withSignal<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  if (signal.aborted) throw new PaymentOutcomeUnknown('aborted', 'the call was aborted before it reached Stripe');
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new PaymentOutcomeUnknown('aborted', 'the call to Stripe was aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([callSignal.run(signal, call), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
