import type { Category, Product, ProductVariant } from '../domain/catalog-types.js';
import { titleSortKey } from '../store/keys.js';
import { ADJECTIVES, CATEGORY_TREE, MATERIALS, NOUN_BY_CATEGORY, OPTIONS_BY_CATEGORY, type CategoryNode } from './demo-catalog-data.js';
import { createSeededRandom } from './seeded-random.js';

export interface DemoCatalog {
  categories: Category[];
  products: Product[];
  variants: ProductVariant[];
}

const CURRENCY = 'USD';
const EPOCH = Date.UTC(2026, 0, 1);

/**
 * A deterministic catalog: the same `productCount` and `seed` always give the same ids,
 * titles, prices and variants, so demos, tests and benchmarks can name products.
 */
export function generateDemoCatalog(productCount: number, seed = 20261127): DemoCatalog {
  const random = createSeededRandom(seed);
  const categories = flattenCategories();
  const parents = new Set(categories.map((category) => category.parentId));
  const leaves = categories.filter((category) => !parents.has(category.id));
  const byId = new Map(categories.map((category) => [category.id, category]));
  const products: Product[] = [];
  const variants: ProductVariant[] = [];

  for (let index = 0; index < productCount; index++) {
    const leaf = leaves[index % leaves.length] as Category;
    const id = `prod_${String(index + 1).padStart(5, '0')}`;
    const title = `${random.pick(ADJECTIVES)} ${random.pick(MATERIALS)} ${NOUN_BY_CATEGORY[leaf.slug] ?? 'Item'}`;
    const slug = `${titleSortKey(title).replace(/[^a-z0-9]+/g, '-')}-${index + 1}`;
    const basePrice = random.int(8, 160) * 100 - 1;
    const productVariants = variantsFor(id, leaf.slug, basePrice, random);
    const prices = productVariants.map((variant) => variant.price.amount);
    variants.push(...productVariants);
    products.push({
      id,
      slug,
      title,
      description: `${title}: ${random.pick(['made to last', 'light and warm', 'an everyday favourite', 'built for the outdoors'])}. ${random.pick(['Machine washable.', 'Responsibly sourced.', 'Designed in our studio.'])}`,
      images: [1, 2].map((n) => ({ url: `https://images.shopgraph.example/products/${slug}-${n}.jpg`, altText: `${title}, view ${n}` })),
      categoryIds: pathTo(leaf, byId),
      variantIds: productVariants.map((variant) => variant.id),
      priceRange: {
        min: { amount: Math.min(...prices), currencyCode: CURRENCY },
        max: { amount: Math.max(...prices), currencyCode: CURRENCY },
      },
      createdAt: new Date(EPOCH + index * 3_600_000).toISOString(),
      version: 0,
    });
  }
  return { categories, products, variants };
}

function flattenCategories(): Category[] {
  const flat: Category[] = [];
  const walk = (nodes: readonly CategoryNode[], parentId: string | undefined) =>
    nodes.forEach((node, position) => {
      const id = `cat_${node.slug}`;
      flat.push({ id, slug: node.slug, name: node.name, position, version: 0, ...(parentId ? { parentId } : {}) });
      walk(node.children ?? [], id);
    });
  walk(CATEGORY_TREE, undefined);
  return flat;
}

/** Root first, leaf last: the product is listed at every level of its branch. */
function pathTo(leaf: Category, byId: ReadonlyMap<string, Category>): string[] {
  const path: string[] = [];
  for (let current: Category | undefined = leaf; current; current = current.parentId ? byId.get(current.parentId) : undefined) path.unshift(current.id);
  return path;
}

function variantsFor(
  productId: string,
  categorySlug: string,
  basePrice: number,
  random: ReturnType<typeof createSeededRandom>,
): ProductVariant[] {
  const options = OPTIONS_BY_CATEGORY[categorySlug] ?? [];
  // The cartesian product of the options, capped at six variants per product.
  let combinations: { name: string; value: string }[][] = [[]];
  for (const option of options) {
    combinations = combinations.flatMap((combo) => option.values.map((value) => [...combo, { name: option.name, value }]));
  }
  const chosen = combinations.slice(0, random.int(1, Math.min(6, combinations.length)));
  return chosen.map((selectedOptions, index) => {
    const largeSurcharge = selectedOptions.some((o) => o.value === 'XL' || o.value === '45') ? 500 : 0;
    return {
      id: `${productId.replace('prod_', 'var_')}_${index + 1}`,
      productId,
      sku: `SG-${productId.slice(5)}-${index + 1}`,
      title: selectedOptions.map((o) => o.value).join(' / ') || 'Default',
      price: { amount: basePrice + largeSurcharge, currencyCode: CURRENCY },
      selectedOptions,
      version: 0,
      available: true,
    };
  });
}
