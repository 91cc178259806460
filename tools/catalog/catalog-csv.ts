import { CATALOG_COLUMNS, type CatalogRow, type ReadRow, type RowProblem } from '@shopgraph/catalog';
import { formatCsv, parseCsv } from './csv.js';

/*
 * CSV cells that hold lists put one item per line (a quoted cell may span lines):
 *   images      "<url> <alt text>"  (the URL has no spaces; the alt text is optional)
 *   categories  "<slug>/<slug>/..." (a path from a root)
 *   options     "<name>=<value>"    (names have no "=")
 * Every label in the catalog is one line, so no item can hold a line break.
 */
const lines = (cell: string) => (cell === '' ? [] : cell.split(/\r?\n/));

function decode(line: number, cells: Record<string, string>): ReadRow {
  const problems: RowProblem[] = [];
  const images = lines(cells['images'] ?? '').map((item) => {
    const space = item.indexOf(' ');
    const [url, altText] = space < 0 ? [item, ''] : [item.slice(0, space), item.slice(space + 1)];
    return { url, ...(altText ? { altText } : {}) };
  });
  const options = lines(cells['options'] ?? '').map((item) => {
    const equals = item.indexOf('=');
    if (equals < 0) problems.push({ line, field: 'options', why: `"${item}" is not name=value.` });
    return { name: item.slice(0, Math.max(equals, 0)), value: item.slice(equals + 1) };
  });
  const priceText = cells['price'] ?? '';
  const price = /^-?\d+$/.test(priceText) ? Number(priceText) : Number.NaN;
  if (Number.isNaN(price)) problems.push({ line, field: 'price', why: `"${priceText}" is not a whole number of minor units.` });
  if (problems.length > 0) return { line, problems };
  const row: CatalogRow = {
    slug: cells['slug'] ?? '',
    title: cells['title'] ?? '',
    description: cells['description'] ?? '',
    images,
    categories: lines(cells['categories'] ?? ''),
    sku: cells['sku'] ?? '',
    variantTitle: cells['variantTitle'] ?? '',
    options,
    price,
  };
  return { line, row };
}

/** Rows of a CSV file with a header naming the columns (any order, every one present). */
export function readCatalogCsv(text: string): ReadRow[] {
  const { records, unterminatedQuoteAt } = parseCsv(text);
  const [header, ...body] = records;
  const missing = CATALOG_COLUMNS.filter((column) => !header?.cells.includes(column));
  if (!header || missing.length > 0) return [{ line: 1, problems: [{ line: 1, field: missing[0] ?? 'slug', why: `The header must name the columns ${CATALOG_COLUMNS.join(', ')}.` }] }];
  const rows = body.map(({ line, cells }): ReadRow => {
    if (cells.length !== header.cells.length) return { line, problems: [{ line, field: 'slug', why: `${cells.length} cells where the header has ${header.cells.length}.` }] };
    return decode(line, Object.fromEntries(header.cells.map((column, index) => [column, cells[index] as string])));
  });
  if (unterminatedQuoteAt !== undefined) rows.push({ line: unterminatedQuoteAt, problems: [{ line: unterminatedQuoteAt, field: 'slug', why: 'A quoted cell is never closed.' }] });
  return rows;
}

export function writeCatalogCsv(rows: readonly CatalogRow[]): string {
  return formatCsv([
    CATALOG_COLUMNS,
    ...rows.map((row) => [
      row.slug,
      row.title,
      row.description,
      row.images.map(({ url, altText }) => (altText ? `${url} ${altText}` : url)).join('\n'),
      row.categories.join('\n'),
      row.sku,
      row.variantTitle,
      row.options.map(({ name, value }) => `${name}=${value}`).join('\n'),
      String(row.price),
    ]),
  ]);
}
