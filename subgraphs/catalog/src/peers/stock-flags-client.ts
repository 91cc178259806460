import { HEADER_SERVICE_TOKEN, type ServiceTokenSigner } from '@shopgraph/shared';
import { createInternalClient } from '@shopgraph/shared/server';

/** What the index needs from checkout, which owns stock: whether each variant can be ordered now. */
export interface StockFlagsClient {
  /** In-stock flag of each given variant (a change notice's); throws when checkout does not answer. */
  inStockFlags(variantIds: readonly string[]): Promise<Map<string, boolean>>;
  /** Every variant's flag, paged through in a few calls; throws when checkout does not answer. */
  allInStockFlags(): Promise<Map<string, boolean>>;
}

/** Ids per by-ids call (checkout's limit). */
const CHUNK = 500;
const PARALLEL = 4;
/** Items checkout evaluates per page of the full listing. */
const PAGE = 5_000;

interface StockAnswer {
  stock: { variantId: string; inStock: boolean }[];
  next?: string | null;
}

/**
 * Calls checkout's internal stock routes, signed with catalog's own key (issuer 'catalog',
 * audience 'checkout'): the catalog never reads checkout's table, and a start-up load of
 * every flag is a few pages instead of ~27,000 `_entities` lookups at 10,000 products.
 */
export function createStockFlagsClient({ checkoutUrl, signer, timeoutMs = 5_000 }: { checkoutUrl: string; signer: ServiceTokenSigner; timeoutMs?: number }): StockFlagsClient {
  const http = createInternalClient({ service: 'checkout', timeoutMs });
  const post = async (path: string, body: Record<string, unknown>) =>
    http.postJson<StockAnswer>(new URL(`/internal/stock/${path}`, checkoutUrl).toString(), body, {
      headers: { [HEADER_SERVICE_TOKEN]: await signer.sign('checkout', {}) },
    });
  const into = (flags: Map<string, boolean>, answer: StockAnswer) => {
    for (const { variantId, inStock } of answer.stock) flags.set(variantId, inStock);
  };

  return {
    async inStockFlags(variantIds) {
      const ids = [...new Set(variantIds)];
      const chunks: string[][] = [];
      for (let start = 0; start < ids.length; start += CHUNK) chunks.push(ids.slice(start, start + CHUNK));
      const flags = new Map<string, boolean>();
      for (let start = 0; start < chunks.length; start += PARALLEL) {
        const answers = await Promise.all(chunks.slice(start, start + PARALLEL).map((chunk) => post('by-ids', { variantIds: chunk })));
        for (const answer of answers) into(flags, answer);
      }
      return flags;
    },

    async allInStockFlags() {
      const flags = new Map<string, boolean>();
      let after: string | undefined;
      do {
        const answer = await post('levels', { limit: PAGE, ...(after ? { after } : {}) });
        into(flags, answer);
        after = answer.next ?? undefined;
      } while (after);
      return flags;
    },
  };
}
