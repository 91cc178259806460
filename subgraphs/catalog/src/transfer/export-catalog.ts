import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCatalogRepository } from '../store/catalog-repository.js';
import type { CatalogRow } from './catalog-row.js';
import { pathOf } from './category-paths.js';

/**
 * Every product on sale as catalog rows, in the format the import reads: products by slug,
 * each one's variants in its own order, so exporting twice gives the same file and an
 * export imported and exported again gives it back unchanged. Archived products are left
 * out: they are no longer the merchant's to edit.
 */
export async function exportCatalog({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): Promise<CatalogRow[]> {
  const repository = createCatalogRepository({ client, tableName });
  const [products, tree] = await Promise.all([repository.listAllProducts(), repository.listCategories()]);
  const variants = await repository.variantsByIds(products.flatMap((product) => product.variantIds));
  const byId = new Map(tree.map((category) => [category.id, category]));
  const rows: CatalogRow[] = [];
  for (const product of [...products].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))) {
    const shared = {
      slug: product.slug,
      title: product.title,
      description: product.description,
      // Rebuilt field by field: the order of a map's keys read from DynamoDB is not kept.
      images: product.images.map(({ url, altText }) => ({ url, ...(altText ? { altText } : {}) })),
      categories: product.categoryIds.map((id) => pathOf(id, byId)),
    };
    for (const variantId of product.variantIds) {
      const variant = variants.get(variantId);
      if (!variant) continue;
      rows.push({
        ...shared,
        sku: variant.sku,
        variantTitle: variant.title,
        options: variant.selectedOptions.map(({ name, value }) => ({ name, value })),
        price: variant.price.amount,
      });
    }
  }
  return rows;
}
