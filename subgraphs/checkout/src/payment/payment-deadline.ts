import { PaymentOutcomeUnknown } from '../errors.js';

/**
 * Runs one provider call under the payment deadline. The signal aborts the call's own request
 * (so a charge cannot land long after checkout gave up on it), and the caller stops waiting at
 * the same moment even if a provider ignored the signal. Either way the outcome is unknown:
 * `PaymentOutcomeUnknown`, for `lookup` to settle.
 */
export async function withinPaymentDeadline<T>(timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const unknown = new PaymentOutcomeUnknown('aborted', `the payment provider did not answer within ${timeoutMs} ms`);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(unknown);
      controller.abort(unknown);
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } catch (error) {
    // Whatever error the aborted call ended with, past the deadline the outcome is unknown.
    throw controller.signal.aborted ? unknown : error;
  } finally {
    clearTimeout(timer);
  }
}
