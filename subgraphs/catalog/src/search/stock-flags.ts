/**
 * Whether each variant can be ordered now, as checkout (which owns stock) last reported it.
 * Kept apart from the product index so a rebuild of the products keeps the flags.
 */
export interface StockFlags {
  set(flags: ReadonlyMap<string, boolean>): void;
  anyInStock(variantIds: readonly string[]): boolean;
  /** False until a full load from checkout succeeded once; the inStock filter waits for it. */
  readonly loaded: boolean;
  markLoaded(): void;
}

export function createStockFlags(): StockFlags {
  const flags = new Map<string, boolean>();
  let loaded = false;
  return {
    set(next) {
      for (const [variantId, flag] of next) flags.set(variantId, flag);
    },
    anyInStock: (variantIds) => variantIds.some((id) => flags.get(id) === true),
    get loaded() {
      return loaded;
    },
    markLoaded() {
      loaded = true;
    },
  };
}
