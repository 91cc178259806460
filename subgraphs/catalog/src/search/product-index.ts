import type { Category, Product } from '../domain/catalog-types.js';
import type { ListingSort } from '../domain/listing-types.js';
import { normalizeText } from '../domain/text.js';
import type { StockFlags } from './stock-flags.js';
import { createTermIndex, type TermIndex } from './term-index.js';

/** A product as the index holds it: the domain object plus what filters and sorts read. */
export interface IndexedProduct {
  product: Product;
  titleKey: string;
  /** The lowest variant price, in minor units: what price filters, bands and sorts use. */
  price: number;
  /** Its categories and all their ancestors: a filter on a category is one set lookup, descendants included. */
  categoryIds: ReadonlySet<string>;
}

/** Orders that do not depend on a query, kept sorted so an unfiltered page is a slice. */
export type StaticSort = Exclude<ListingSort, 'RELEVANCE'>;

/**
 * One replica's in-memory copy of the catalog for listing and search: a cache rebuilt from
 * DynamoDB, never the source of truth. Reads never touch the network.
 */
export interface ProductIndex {
  readonly size: number;
  readonly terms: TermIndex;
  get(id: string): IndexedProduct | undefined;
  /** Every product in the given order; recomputed lazily after a change. */
  sorted(sort: StaticSort): readonly IndexedProduct[];
  categoryBySlug(slug: string): Category | undefined;
  /** The category tree in display order (depth first, by position). */
  categories(): readonly Category[];
  /** Every indexed product, in no particular order: what a re-filing under a new tree starts from. */
  products(): Product[];
  /** Adds or replaces products; an archived one is removed instead (out of browse and search). */
  upsert(products: readonly Product[]): void;
  remove(ids: readonly string[]): void;
  /** Checkout's stock flags, shared with the next rebuild of the index. */
  readonly stock: StockFlags;
}

/** `onSortedLookup` hears whether a listing's sort order was reused (a hit) or had to be recomputed. */
export function createProductIndex(categoryList: readonly Category[], stock: StockFlags, onSortedLookup: (hit: boolean) => void = () => undefined): ProductIndex {
  const products = new Map<string, IndexedProduct>();
  const terms = createTermIndex();
  const orders = new Map<StaticSort, IndexedProduct[]>();
  const tree = buildTree(categoryList);

  const comparators: Record<StaticSort, (a: IndexedProduct, b: IndexedProduct) => number> = {
    TITLE: (a, b) => compare(a.titleKey, b.titleKey) || compare(a.product.id, b.product.id),
    PRICE_ASC: (a, b) => a.price - b.price || compare(a.product.id, b.product.id),
    PRICE_DESC: (a, b) => b.price - a.price || compare(a.product.id, b.product.id),
    NEWEST: (a, b) => compare(b.product.createdAt, a.product.createdAt) || compare(a.product.id, b.product.id),
  };

  return {
    get size() {
      return products.size;
    },
    terms,
    get: (id) => products.get(id),
    sorted(sort) {
      let order = orders.get(sort);
      onSortedLookup(order !== undefined);
      if (!order) {
        order = [...products.values()].sort(comparators[sort]);
        orders.set(sort, order);
      }
      return order;
    },
    categoryBySlug: (slug) => tree.bySlug.get(slug),
    categories: () => tree.ordered,
    products: () => [...products.values()].map((entry) => entry.product),
    upsert(list) {
      for (const product of list) {
        if (product.archivedAt) {
          products.delete(product.id);
          terms.remove(product.id);
          continue;
        }
        const categoryIds = new Set(product.categoryIds.flatMap((id) => tree.ancestorsAndSelf(id)));
        products.set(product.id, { product, titleKey: normalizeText(product.title), price: product.priceRange.min.amount, categoryIds });
        terms.put(product.id, {
          title: product.title,
          description: product.description,
          categoryNames: [...categoryIds].map((id) => tree.byId.get(id)?.name ?? ''),
        });
      }
      orders.clear();
    },
    remove(ids) {
      for (const id of ids) {
        products.delete(id);
        terms.remove(id);
      }
      orders.clear();
    },
    stock,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function buildTree(list: readonly Category[]) {
  const byId = new Map(list.map((category) => [category.id, category]));
  const bySlug = new Map(list.map((category) => [category.slug, category]));
  const children = new Map<string | undefined, Category[]>();
  for (const category of list) {
    const siblings = children.get(category.parentId) ?? [];
    siblings.push(category);
    children.set(category.parentId, siblings);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.position - b.position);
  const ordered: Category[] = [];
  const walk = (category: Category, depth: number): void => {
    ordered.push(category);
    // A cycle in stored data must not hang start-up; the tree is a few levels deep.
    if (depth < 16) for (const child of children.get(category.id) ?? []) walk(child, depth + 1);
  };
  for (const root of children.get(undefined) ?? []) walk(root, 0);
  const ancestorsAndSelf = (id: string): string[] => {
    const chain: string[] = [];
    for (let current = byId.get(id); current && chain.length < 16; current = current.parentId ? byId.get(current.parentId) : undefined) {
      chain.push(current.id);
    }
    return chain.length > 0 ? chain : [id];
  };
  return { byId, bySlug, ordered, ancestorsAndSelf };
}
