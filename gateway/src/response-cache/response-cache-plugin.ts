import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { PublicCachePolicy } from '../cache-policy/static-cache-policy.js';
import type { GatewayContext } from '../context.js';
import { ExpiringCache, type CacheLimits } from '@shopgraph/shared/server';
import { responseCacheKey } from './response-cache-key.js';

export interface ResponseCacheOptions {
  limits: Required<Pick<CacheLimits, 'maxEntries' | 'maxBytes'>>;
  /** The operation's static cache policy; undefined when it is not a public read. */
  publicPolicyOf: (document: DocumentNode, operationName: string | null | undefined) => PublicCachePolicy | undefined;
  /** Told of every lookup: whether it found an answer (for the cache-lookups metric). */
  onLookup?: (hit: boolean) => void;
}

type CachedData = Record<string, unknown>;

/**
 * Keeps the answers of public reads made without a session, for as long as their Cache-Control
 * allows (the subgraphs' headers, as the gateway combined them). Only such requests read from
 * it or write to it: a request with a session, whatever it asks, never touches it, and so
 * nothing session-bound can be stored here or reach another client. The key is the document,
 * the operation and the values of the variables it declares, coerced (response-cache-key.ts):
 * a request without a session sends the subgraphs nothing else (no client header, no
 * context), so the same three always get the same answer.
 */
export function createResponseCachePlugin({ limits, publicPolicyOf, onLookup = () => undefined }: ResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const cache = new ExpiringCache<CachedData>(limits);
  return {
    async requestDidStart() {
      let key: string | undefined;
      let served = false;
      return {
        async responseForOperation({ contextValue, schema, document, operation, operationName, queryHash, request, overallCachePolicy }) {
          if (limits.maxEntries === 0 || contextValue.session || !publicPolicyOf(document, operationName)) return null;
          key = responseCacheKey({ schema, operation, operationName, queryHash, variables: request.variables });
          if (!key) return null;
          const now = Date.now();
          const hit = cache.entry(key, now);
          onLookup(hit !== undefined);
          if (!hit) return null;
          served = true;
          // Max age and Age, as a shared cache answers: a CDN in front keeps it only for what is left.
          overallCachePolicy.replace({ maxAge: Math.round((hit.expiresAt - hit.storedAt) / 1000), scope: 'PUBLIC' });
          const headers = new HeaderMap([['age', String(Math.floor((now - hit.storedAt) / 1000))]]);
          return { body: { kind: 'single', singleResult: { data: hit.value } }, http: { status: undefined, headers } };
        },
        async willSendResponse({ contextValue, response, overallCachePolicy }) {
          if (!key || served || contextValue.session || contextValue.handsOutSession() || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || !data) return;
          const policy = overallCachePolicy.policyIfCacheable();
          if (!policy || policy.scope !== 'PUBLIC') return;
          const now = Date.now();
          cache.set(key, data, now + policy.maxAge * 1000, key.length + JSON.stringify(data).length, now);
        },
      };
    },
  };
}
