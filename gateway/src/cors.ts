import { HEADER_IDEMPOTENCY_KEY, HEADER_REFRESHED_SESSION_TOKEN, HEADER_REQUEST_ID } from '@shopgraph/shared';
import cors from 'cors';
import type { RequestHandler } from 'express';
import { z } from 'zod';

/** `CORS_ORIGINS`: a comma-separated list of exact origins (`https://shop.example.com`), none by default. */
export const corsOriginsSchema = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const origins = text.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
    for (const origin of origins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin (scheme://host[:port], no path, no trailing slash)` });
      }
    }
    return origins;
  });

export interface CorsOptions {
  origins: readonly string[];
  maxAgeSeconds: number;
}

/**
 * CORS for the storefronts on other origins: only the listed origins get an
 * Access-Control-Allow-Origin (never `*`, which credentials forbid anyway), with credentials
 * so a storefront's fetch carries the session cookie, and the preflight cached for
 * `maxAgeSeconds`. Any other origin gets no CORS header, so its browser withholds the answer.
 */
export function corsFor(options: CorsOptions): RequestHandler {
  const allowed = new Set(options.origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', HEADER_IDEMPOTENCY_KEY],
    exposedHeaders: [HEADER_REQUEST_ID, HEADER_REFRESHED_SESSION_TOKEN],
    maxAge: options.maxAgeSeconds,
    optionsSuccessStatus: 204,
  });
}
