import type { CatalogRow, ReadRow } from '@shopgraph/catalog';
import { z } from 'zod';

/** One JSON object per line, the row's fields as keys; blank lines are skipped. */
const rowSchema = z.strictObject({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  images: z.array(z.strictObject({ url: z.string(), altText: z.string().optional() })),
  categories: z.array(z.string()),
  sku: z.string(),
  variantTitle: z.string(),
  options: z.array(z.strictObject({ name: z.string(), value: z.string() })),
  price: z.number().int(),
});

export function readCatalogJsonl(text: string): ReadRow[] {
  const rows: ReadRow[] = [];
  text.split('\n').forEach((source, index) => {
    const line = index + 1;
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      rows.push({ line, problems: [{ line, field: 'slug', why: 'The line is not JSON.' }] });
      return;
    }
    const parsed = rowSchema.safeParse(value);
    rows.push(
      parsed.success
        ? { line, row: parsed.data }
        : { line, problems: parsed.error.issues.map((issue) => ({ line, field: String(issue.path[0] ?? 'slug'), why: issue.message })) },
    );
  });
  return rows;
}

export function writeCatalogJsonl(rows: readonly CatalogRow[]): string {
  // Keys in a fixed order, so a file exported twice is byte for byte the same.
  return rows
    .map((row) =>
      JSON.stringify({
        slug: row.slug,
        title: row.title,
        description: row.description,
        images: row.images.map(({ url, altText }) => ({ url, ...(altText ? { altText } : {}) })),
        categories: row.categories,
        sku: row.sku,
        variantTitle: row.variantTitle,
        options: row.options.map(({ name, value }) => ({ name, value })),
        price: row.price,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}
