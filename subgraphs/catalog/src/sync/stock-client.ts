/** What the index needs from checkout, which owns stock: whether each variant can be ordered now. */
export interface StockClient {
  /** In-stock flag per variant; throws when checkout does not answer. */
  inStockFlags(variantIds: readonly string[]): Promise<Map<string, boolean>>;
}

const VARIANT_STOCK = /* GraphQL */ `
  query CatalogIndexStock($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProductVariant { id inStock }
    }
  }
`;

/** Representations per request: checkout answers each with BatchGetItems of 100 keys. */
const CHUNK = 500;
const PARALLEL = 4;

interface EntitiesResponse {
  data?: { _entities?: ({ id: string; inStock: boolean } | null)[] };
  errors?: { message: string }[];
}

/**
 * Asks checkout through its federation entry point, as the gateway would: the catalog never
 * reads checkout's table.
 */
export function createStockClient({ url, timeoutMs = 5_000 }: { url: string; timeoutMs?: number }): StockClient {
  async function fetchChunk(ids: readonly string[]): Promise<[string, boolean][]> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: VARIANT_STOCK, variables: { representations: ids.map((id) => ({ __typename: 'ProductVariant', id })) } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as EntitiesResponse;
    if (body.errors?.length || !body.data?._entities) throw new Error(`checkout refused the stock lookup: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
    return body.data._entities.flatMap((entity) => (entity ? [[entity.id, entity.inStock] as [string, boolean]] : []));
  }

  return {
    async inStockFlags(variantIds) {
      const ids = [...new Set(variantIds)];
      const chunks: string[][] = [];
      for (let start = 0; start < ids.length; start += CHUNK) chunks.push(ids.slice(start, start + CHUNK));
      const flags = new Map<string, boolean>();
      for (let start = 0; start < chunks.length; start += PARALLEL) {
        const results = await Promise.all(chunks.slice(start, start + PARALLEL).map(fetchChunk));
        for (const entries of results) for (const [id, flag] of entries) flags.set(id, flag);
      }
      return flags;
    },
  };
}
