import { randomUUID } from 'node:crypto';
import { createCartLedger } from './cart-ledger.js';

/** A request with no answer by then counts as failed; the gateway's own 5 s subgraph deadline answers with an error well before. */
const REQUEST_TIMEOUT_MS = 10_000;

/** What one virtual user of the churn run saw. */
export interface UserTally {
  requests: number;
  failed: number;
  sessionLost: boolean;
  linesLost: number;
  linesDoubled: number;
  /** Consecutive request pairs, and those answered by different replicas. */
  pairs: number;
  pairsOnDifferentReplicas: number;
}

/** A request that failed, as the user saw it; times are Date.now() values. */
export interface FailedAnswer {
  operation: string;
  sentAt: number;
  failedAt: number;
  /** `HTTP 200, SERVICE_UNAVAILABLE`, `HTTP 503, not JSON`, or the network error when no answer came. */
  error: string;
  /** What the proxy named in x-bench-replica; absent when no answer came or the proxy named none. */
  replica?: string;
}

const SIGN_UP = 'mutation ChurnSignUp($input: SignUpInput!) { signUp(input: $input) { sessionToken errors { code } } }';
const ADD = 'mutation ChurnAdd($variantId: ID!) { addToCart(variantId: $variantId, quantity: 1) { cart { totalQuantity } errors { code } } }';
type Read = { viewer: { isAuthenticated: boolean }; cart: { totalQuantity: number } | null };
const READ = 'query ChurnRead { viewer { isAuthenticated } cart { totalQuantity lines { quantity variant { id } } } }';

/**
 * A web shopper: keeps its cookies as a browser does, signs up, then adds a line and reads its
 * cart, again and again, through the proxy, until `until`. Each add it saw succeed is a line
 * its cart must hold; an add that failed may or may not have landed, so the next read settles
 * it. A read answered as anonymous is a lost session: the user stops there, and the lines it
 * held are lost with it.
 */
export async function runChurnUser({
  url,
  email,
  variantIds,
  shopUntil,
  startAfterMs = 0,
  onSignedUp,
  onAnswer,
  keepShopping = () => true,
}: {
  url: string;
  email: string;
  variantIds: readonly string[];
  /** Resolves, once every user has signed up, with when to stop shopping. */
  shopUntil: Promise<number>;
  /** Waits this long after everyone signed up before the first add: users arrive over a few seconds, not in one instant. */
  startAfterMs?: number;
  onSignedUp: () => void;
  /** Every answer; a failed one with what failed, so that it can be placed against the schedule. */
  onAnswer: (ok: boolean, failure?: FailedAnswer) => void;
  /** Asked before each add: false ends the shopping before `shopUntil` (a schedule that finished early). */
  keepShopping?: () => boolean;
}): Promise<UserTally> {
  const jar = new Map<string, string>();
  const tally: UserTally = { requests: 0, failed: 0, sessionLost: false, linesLost: 0, linesDoubled: 0, pairs: 0, pairsOnDifferentReplicas: 0 };
  let lastReplica: string | undefined;
  const send = async <T>(query: string, operationName: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T | undefined> => {
    tally.requests++;
    const sentAt = Date.now();
    const fail = (error: string, replica?: string): undefined => {
      tally.failed++;
      onAnswer(false, { operation: operationName, sentAt, failedAt: Date.now(), error, ...(replica !== undefined ? { replica } : {}) });
      return undefined;
    };
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(jar.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}), ...headers },
        body: JSON.stringify({ query, operationName, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      return fail(networkError(error));
    }
    keepCookies(jar, response.headers.getSetCookie());
    const replica = response.headers.get('x-bench-replica') ?? undefined;
    if (lastReplica !== undefined && replica !== undefined) {
      tally.pairs++;
      if (replica !== lastReplica) tally.pairsOnDifferentReplicas++;
    }
    lastReplica = replica ?? lastReplica;
    let body: { data?: T; errors?: { message?: string; extensions?: { code?: string } }[] };
    try {
      body = (JSON.parse(await response.text()) ?? {}) as typeof body;
    } catch (error) {
      return fail(`HTTP ${response.status}, ${error instanceof SyntaxError ? 'not JSON' : `body cut off (${networkError(error)})`}`, replica);
    }
    if (!response.ok || body.errors?.length || body.data === undefined) {
      const codes = [...new Set((body.errors ?? []).map((error) => error.extensions?.code ?? error.message?.slice(0, 80) ?? 'an error without a message'))];
      return fail(`HTTP ${response.status}, ${codes.length > 0 ? codes.join(', ') : 'no data'}`, replica);
    }
    onAnswer(true);
    return body.data;
  };

  const signedUp = await send<{ signUp: { errors: unknown[] } }>(SIGN_UP, 'ChurnSignUp', { input: { email, password: 'bench password 123', name: 'Bench' } });
  if (!signedUp || signedUp.signUp.errors.length > 0) throw new Error(`sign-up of ${email} failed before the churn began`);
  onSignedUp();
  const until = await shopUntil;
  if (startAfterMs > 0) await new Promise((resolve) => setTimeout(resolve, startAfterMs));
  const ledger = createCartLedger();
  /** Compares a read with what the user knows it added; false once the session is gone. */
  const settle = (read: { viewer: { isAuthenticated: boolean }; cart: { totalQuantity: number } | null }) => {
    if (!read.viewer.isAuthenticated) {
      tally.sessionLost = true;
      ledger.sessionLost();
      return false;
    }
    ledger.read(read.cart?.totalQuantity ?? 0);
    return true;
  };
  const shop = async () => {
    for (let i = 0; Date.now() < until && keepShopping(); i++) {
      // One key per add, as a storefront sends it: the proxy's retry of an add whose replica died
      // carries it again, so the add lands once.
      const added = await send<{ addToCart: { errors: unknown[] } }>(ADD, 'ChurnAdd', { variantId: variantIds[i % variantIds.length] }, { 'idempotency-key': randomUUID() });
      ledger.added(!added ? 'unanswered' : added.addToCart.errors.length === 0 ? 'confirmed' : 'refused');
      const read = await send<Read>(READ, 'ChurnRead');
      if (read && !settle(read)) return false;
    }
    return true;
  };
  // Once the schedule is over, one last read settles any add whose answer was lost.
  if (await shop()) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const read = await send<Read>(READ, 'ChurnRead');
      if (read) {
        settle(read);
        break;
      }
    }
  }
  tally.linesLost = ledger.linesLost;
  tally.linesDoubled = ledger.linesDoubled;
  return tally;
}

/** Keeps the cookies an answer sets, as a browser does, and drops the ones it clears. */
function keepCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const cookie of setCookies) {
    const [pair = '', ...attributes] = cookie.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (value === '' || attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0')) jar.delete(name);
    else jar.set(name, value);
  }
}

/** What fetch says when no answer came: undici's "fetch failed" carries the socket's reason in its cause. */
function networkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  return cause ? `${error.message}: ${code ? `${code} ` : ''}${cause.message}` : error.message;
}
