import type { CatalogRow } from '../transfer/catalog-row.js';
import { pathOf } from '../transfer/category-paths.js';
import { generateDemoCatalog } from './generate-demo-catalog.js';

/**
 * The deterministic demo catalog as an import file's rows, each product listed in its leaf
 * category by path: what the import benchmark loads and the import tests start from.
 */
export function demoCatalogRows(productCount: number): CatalogRow[] {
  const demo = generateDemoCatalog(productCount);
  const byId = new Map(demo.categories.map((category) => [category.id, category]));
  const variants = new Map(demo.variants.map((variant) => [variant.id, variant]));
  return demo.products.flatMap((product) =>
    product.variantIds.map((id) => {
      const variant = variants.get(id)!;
      return {
        slug: product.slug,
        title: product.title,
        description: product.description,
        images: product.images,
        categories: [pathOf(product.categoryIds.at(-1) as string, byId)],
        sku: variant.sku,
        variantTitle: variant.title,
        options: variant.selectedOptions,
        price: variant.price.amount,
      };
    }),
  );
}
