import type { Logger } from '@shopgraph/shared';
import type { Category, Product } from '../domain/catalog-types.js';
import { createProductIndex, type ProductIndex } from '../search/product-index.js';
import { createStockFlags } from '../search/stock-flags.js';
import type { CatalogRepository } from '../store/catalog-repository.js';
import type { ChangeNoticeHandlers, ChangeNotices } from './change-notices.js';
import { createCoalescingQueue } from './coalescing-queue.js';
import type { StockFlagsClient } from '../peers/stock-flags-client.js';

/** Keeps one replica's search index built and current. */
export interface CatalogIndexService {
  /** Subscribes to notices, builds the index from DynamoDB, and tries once to load stock. */
  start(): Promise<void>;
  /** The current index; throws before start() finished. */
  current(): ProductIndex;
  readonly ready: boolean;
  /** A change this replica wrote: applied here at once, then announced to every replica. */
  applyLocalChange(products: readonly Product[]): Promise<void>;
  /** Categories this replica wrote: its products re-filed under the new tree here, then announced. */
  applyLocalCategoryChange(categories: readonly Category[]): Promise<void>;
  /** Rebuilds everything from DynamoDB and checkout (what the periodic refresh runs). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export interface CatalogIndexServiceDeps {
  repository: CatalogRepository;
  stockClient: StockFlagsClient;
  createNotices: (handlers: ChangeNoticeHandlers) => ChangeNotices;
  logger: Logger;
  /** While the subscription is down, the index is rebuilt this often: the staleness bound then. */
  refreshIntervalMs: number;
  /** Rebuilt this often regardless, in case a notice was lost without the connection dropping. */
  resyncIntervalMs: number;
  /** Told whether each listing found its sort order ready in the index, for the cache metrics. */
  onSortedLookup?: (hit: boolean) => void;
}

export function createCatalogIndexService(deps: CatalogIndexServiceDeps): CatalogIndexService {
  const { repository, stockClient, logger } = deps;
  const stock = createStockFlags();
  let index: ProductIndex | undefined;
  let rebuilding: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];

  const products = createCoalescingQueue(
    async (ids) => {
      await rebuilding;
      const found = await repository.productsByIds(ids);
      const target = index as ProductIndex;
      target.upsert([...found.values()]);
      target.remove(ids.filter((id) => !found.has(id)));
      // New or changed products may bring variants whose stock the index has not seen.
      stock.set(await stockClient.inStockFlags([...found.values()].flatMap((product) => product.variantIds)).catch(() => new Map()));
    },
    (error) => logger.warn({ err: { message: (error as Error).message } }, 'could not apply a catalog change notice; the next refresh will'),
  );
  const categoryChanges = createCoalescingQueue(
    async (ids) => {
      await rebuilding;
      refile(await repository.categoriesByIds(ids));
    },
    (error) => logger.warn({ err: { message: (error as Error).message } }, 'could not apply a category change notice; the next refresh will'),
  );
  const stockChanges = createCoalescingQueue(
    async (ids) => stock.set(await stockClient.inStockFlags(ids)),
    (error) => logger.warn({ err: { message: (error as Error).message } }, 'could not apply a stock notice; the next refresh will'),
  );

  const notices = deps.createNotices({
    // Notices carry ids only; the index re-reads the current state, so their order does not matter.
    onNotice: (notice) => void { products, categories: categoryChanges, stock: stockChanges }[notice.kind].push(notice.ids),
    onResubscribed: () => void refresh(),
  });

  async function rebuild(): Promise<void> {
    const [list, categories] = await Promise.all([repository.listAllProducts(), repository.listCategories()]);
    const next = createProductIndex(categories, stock, deps.onSortedLookup);
    next.upsert(list);
    index = next;
  }

  /**
   * A category's place or name changes which listings and searches find every product under
   * it, so the products already in memory are indexed again under the new tree: no product is
   * read from DynamoDB (the tree is a few hundred items at most, the products are unchanged).
   */
  function refile(changed: readonly Category[]): void {
    const current = index as ProductIndex;
    const tree = new Map(current.categories().map((category) => [category.id, category]));
    for (const category of changed) tree.set(category.id, category);
    const next = createProductIndex([...tree.values()], stock, deps.onSortedLookup);
    next.upsert(current.products());
    index = next;
  }

  async function loadStock(): Promise<void> {
    stock.set(await stockClient.allInStockFlags());
    stock.markLoaded();
  }

  function refresh(): Promise<void> {
    rebuilding ??= (async () => {
      try {
        await rebuild();
        await loadStock().catch((error: Error) => logger.warn({ err: { message: error.message } }, 'checkout did not answer the stock refresh'));
      } catch (error) {
        logger.warn({ err: { message: (error as Error).message } }, 'catalog index refresh failed; keeping the previous index');
      } finally {
        rebuilding = undefined;
      }
    })();
    return rebuilding;
  }

  function every(ms: number, task: () => void): void {
    const timer = setInterval(task, ms);
    timer.unref();
    timers.push(timer);
  }

  return {
    async start() {
      await notices.start();
      const started = Date.now();
      await rebuild();
      logger.info({ products: index?.size, ms: Date.now() - started }, 'catalog index built');
      await loadStock().catch((error: Error) => logger.warn({ err: { message: error.message } }, 'stock flags not loaded yet; retrying in the background'));
      every(Math.min(deps.refreshIntervalMs, 5_000), () => {
        if (!stock.loaded && !rebuilding) void loadStock().catch(() => undefined);
      });
      every(deps.refreshIntervalMs, () => {
        if (!notices.subscribed) void refresh();
      });
      every(deps.resyncIntervalMs, () => void refresh());
    },
    current() {
      if (!index) throw new Error('the catalog index is not built yet');
      return index;
    },
    get ready() {
      return index !== undefined;
    },
    async applyLocalChange(changed) {
      index?.upsert(changed);
      await notices.publishProductChange(changed.map((product) => product.id));
    },
    async applyLocalCategoryChange(changed) {
      // After a rebuild in flight, which may have read the tree from before this change.
      await rebuilding;
      if (index) refile(changed);
      await notices.publishCategoryChange(changed.map((category) => category.id));
    },
    refresh,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await notices.stop();
      await Promise.allSettled([rebuilding, products.idle(), categoryChanges.idle(), stockChanges.idle()]);
    },
  };
}
