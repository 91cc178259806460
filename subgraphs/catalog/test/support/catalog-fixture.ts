import type { Category, Product, ProductVariant } from '../../src/domain/catalog-types.js';

/**
 * A small catalog whose every title, price, date and stock level is chosen, so tests can state
 * exact orders, counts and rankings. Three levels of categories, like the demo catalog.
 */
const tree: [string, string, string | undefined, number][] = [
  ['footwear', 'Footwear', undefined, 0],
  ['athletic', 'Athletic', 'footwear', 0],
  ['running-shoes', 'Running Shoes', 'athletic', 0],
  ['trail-shoes', 'Trail Shoes', 'athletic', 1],
  ['outdoor', 'Outdoor', 'footwear', 1],
  ['boots', 'Boots', 'outdoor', 0],
  ['apparel', 'Apparel', undefined, 1],
  ['tops', 'Tops', 'apparel', 0],
  ['hoodies', 'Hoodies', 'tops', 0],
  ['t-shirts', 'T-Shirts', 'tops', 1],
  ['home', 'Home', undefined, 2],
  ['kitchen', 'Kitchen', 'home', 0],
  ['mugs', 'Mugs', 'kitchen', 0],
];
export const FIXTURE_CATEGORIES: Category[] = tree.map(([slug, name, parent, position]) => ({
  id: `cat_${slug}`,
  slug,
  name,
  position,
  version: 0,
  ...(parent ? { parentId: `cat_${parent}` } : {}),
}));

/** id, title, description, leaf category, price per variant, stock per variant. */
const rows: [string, string, string, string, number[], number[]][] = [
  ['p01', 'Trail Running Shoe', 'Grippy soles for muddy paths.', 'trail-shoes', [8999], [5]],
  ['p02', 'Road Running Shoe', 'Light and fast on tarmac.', 'running-shoes', [12999, 13999], [0, 0]],
  ['p03', 'Shoelace Pack', 'Spare laces for running shoes.', 'running-shoes', [499], [10]],
  ['p04', 'Crème Brûlée Mug', 'A ceramic mug for café au lait.', 'mugs', [1499], [3]],
  ['p05', 'Cafe Mug', 'Plain and sturdy.', 'mugs', [999], [0]],
  ['p06', 'Merino Hoodie', 'Warm wool, two colours.', 'hoodies', [7999, 8499], [0, 2]],
  ['p07', 'Cotton T-Shirt', 'Soft everyday tee.', 't-shirts', [1999], [1]],
  ['p08', 'Alpine Cotton Hoodie', 'Brushed fleece inside.', 'hoodies', [5999], [0]],
  ['p09', 'Leather Boot', 'Waterproof and resoleable.', 'boots', [24999], [4]],
];

const byId = new Map(FIXTURE_CATEGORIES.map((category) => [category.id, category]));
function pathTo(slug: string): string[] {
  const path: string[] = [];
  for (let current = byId.get(`cat_${slug}`); current; current = current.parentId ? byId.get(current.parentId) : undefined) path.unshift(current.id);
  return path;
}

export const FIXTURE_VARIANTS: ProductVariant[] = rows.flatMap(([id, title, , , prices]) =>
  prices.map((amount, index) => ({
    id: `${id}_v${index + 1}`,
    productId: id,
    sku: `FX-${id}-${index + 1}`,
    title: `${title} ${index + 1}`,
    price: { amount, currencyCode: 'USD' },
    selectedOptions: [{ name: 'Size', value: String(index + 1) }],
    version: 0,
    available: true,
  })),
);

export const FIXTURE_PRODUCTS: Product[] = rows.map(([id, title, description, leaf, prices], index) => ({
  id,
  slug: title.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-'),
  title,
  description,
  images: [{ url: `https://images.example/${id}.jpg`, altText: title }],
  categoryIds: pathTo(leaf),
  variantIds: prices.map((_, variant) => `${id}_v${variant + 1}`),
  priceRange: { min: { amount: Math.min(...prices), currencyCode: 'USD' }, max: { amount: Math.max(...prices), currencyCode: 'USD' } },
  createdAt: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
  version: 0,
}));

export const FIXTURE_STOCK = new Map(rows.flatMap(([id, , , , , stock]) => stock.map((quantity, index) => [`${id}_v${index + 1}`, quantity] as [string, number])));
