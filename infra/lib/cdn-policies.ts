import { Duration } from 'aws-cdk-lib';
import {
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { HEADER_IDEMPOTENCY_KEY, HEADER_REQUEST_ID } from '@shopgraph/shared';
import type { Construct } from 'constructs';

/**
 * The request headers a cached /graphql answer depends on, so they are in CloudFront's cache
 * key (CloudFront ignores Vary): a bearer token (CloudFront forwards Authorization to a caching
 * behaviour only from the key), the caller's origin (the gateway's CORS headers answer it) and
 * Accept (the content type, and the status of a refused operation, follow it).
 */
export const GRAPHQL_CACHE_KEY_HEADERS = ['Authorization', 'Origin', 'Accept'] as const;

/**
 * Every other header the gateway reads; CloudFront drops whatever is not listed.
 * Idempotency-Key among them, or a retried mutation behind the CDN is applied twice.
 */
export const GRAPHQL_FORWARDED_HEADERS = [
  'content-type',
  'accept',
  'user-agent',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  HEADER_REQUEST_ID,
  HEADER_IDEMPOTENCY_KEY,
  'origin',
] as const;

/**
 * The error statuses CloudFront would otherwise keep for 10 s under a URL whose answer depends
 * on more than the URL (a request without Apollo's CSRF header, a session the gateway could not
 * check): one request would then refuse everyone else's. 502 and 504, CloudFront's own answer
 * when the origin is unreachable or silent, keep the default so a down origin is not hammered.
 */
export const UNCACHED_ERROR_STATUSES = [400, 403, 404, 405, 414, 416, 500, 501, 503] as const;

/** What a payment provider's webhook signature check reads: the raw body's type and the signature. */
export const WEBHOOK_FORWARDED_HEADERS = ['content-type', 'stripe-signature'] as const;

/**
 * /graphql: POSTs are never cached. A GET (a persisted document) is cached only as long as the
 * response's own Cache-Control allows (default TTL 0: no header, no caching); the gateway marks
 * every response that sets a cookie `private, no-store`. Cookies are forwarded but not in the
 * key, so no answer is served under another caller's token, CORS origin or content type.
 */
export function graphqlCachePolicy(scope: Construct): CachePolicy {
  return new CachePolicy(scope, 'GraphqlCache', {
    comment: 'shopgraph /graphql: honour the origin Cache-Control; keyed on token, origin and accept',
    defaultTtl: Duration.seconds(0),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.days(1),
    queryStringBehavior: CacheQueryStringBehavior.all(),
    headerBehavior: CacheHeaderBehavior.allowList(...GRAPHQL_CACHE_KEY_HEADERS),
    cookieBehavior: CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

export function graphqlOriginRequestPolicy(scope: Construct): OriginRequestPolicy {
  return new OriginRequestPolicy(scope, 'GraphqlOriginRequest', {
    comment: 'shopgraph /graphql: what the gateway reads',
    cookieBehavior: OriginRequestCookieBehavior.all(),
    queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    headerBehavior: OriginRequestHeaderBehavior.allowList(...GRAPHQL_FORWARDED_HEADERS),
  });
}

/** /webhooks/*: no cookies, no query string, only what the signature check needs. */
export function webhookOriginRequestPolicy(scope: Construct): OriginRequestPolicy {
  return new OriginRequestPolicy(scope, 'WebhookOriginRequest', {
    comment: 'shopgraph /webhooks: what a webhook signature check reads',
    cookieBehavior: OriginRequestCookieBehavior.none(),
    queryStringBehavior: OriginRequestQueryStringBehavior.none(),
    headerBehavior: OriginRequestHeaderBehavior.allowList(...WEBHOOK_FORWARDED_HEADERS),
  });
}
