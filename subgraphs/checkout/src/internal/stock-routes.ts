import type { Logger, ServiceTokenVerifier } from '@shopgraph/shared';
import { serviceRoute } from '@shopgraph/shared/server';
import type { Router } from 'express';
import { z } from 'zod';
import type { InventoryRepository, StockPageCursor } from '../store/inventory-repository.js';

/** Items a page evaluates; about 100 kB of answer for stock-only tables. */
const DEFAULT_PAGE = 2_000;
const MAX_PAGE = 5_000;
export const MAX_STOCK_IDS = 500;

const pageBody = z.object({ after: z.string().max(1024).optional(), limit: z.number().int().min(1).max(MAX_PAGE).optional() }).strict();
const idsBody = z.object({ variantIds: z.array(z.string().min(1).max(128)).min(1).max(MAX_STOCK_IDS) }).strict();
const cursorShape = z.object({ PK: z.string().regex(/^[\w#-]{1,300}$/), SK: z.string().regex(/^[\w#-]{1,300}$/) }).strict();

/**
 * Catalog's stock reads, replacing `_entities` lookups of ~27,000 variants at start-up:
 * POST /internal/stock/levels pages through every level ({ after?, limit? } -> { stock, next }),
 * POST /internal/stock/by-ids answers the variants a change notice names. Only a token signed
 * with catalog's own key (issuer 'catalog', audience 'checkout') is accepted.
 */
export function stockRoutes({ inventory, verifier, logger }: { inventory: InventoryRepository; verifier: ServiceTokenVerifier; logger: Logger }) {
  return (router: Router): void => {
    serviceRoute(router, '/stock/levels', { logger, verifier }, async (_claims, raw) => {
      const body = pageBody.safeParse(raw ?? {});
      if (!body.success) return 'bad-request';
      const after = body.data.after === undefined ? undefined : decodeCursor(body.data.after);
      if (after === null) return 'bad-request';
      const page = await inventory.scanQuantities(after, body.data.limit ?? DEFAULT_PAGE);
      return { stock: flags(page.levels), next: page.next ? encodeCursor(page.next) : null };
    });

    serviceRoute(router, '/stock/by-ids', { logger, verifier }, async (_claims, raw) => {
      const body = idsBody.safeParse(raw);
      if (!body.success) return 'bad-request';
      const levels = await inventory.quantitiesByVariantIds(body.data.variantIds);
      // A variant with no stock item has none in stock: answered, not left out.
      return { stock: body.data.variantIds.map((variantId) => ({ variantId, inStock: (levels.get(variantId) ?? 0) > 0 })) };
    });
  };
}

function flags(levels: ReadonlyMap<string, number>) {
  return [...levels].map(([variantId, quantity]) => ({ variantId, inStock: quantity > 0 }));
}

function encodeCursor(cursor: StockPageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** null when the cursor is not one this route issued. */
function decodeCursor(text: string): StockPageCursor | null {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
