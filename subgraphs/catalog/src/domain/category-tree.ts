import type { Category } from './catalog-types.js';

/** Where a new or moved category goes when no position is given: after its last sibling. */
export function nextPosition(tree: readonly Category[], parentId: string | undefined, maxPosition: number): number {
  const siblings = tree.filter((category) => category.parentId === parentId);
  return Math.min(maxPosition, siblings.reduce((last, category) => Math.max(last, category.position + 1), 0));
}

/** Levels a category and its descendants take: 1 for a leaf. */
export function subtreeHeight(tree: readonly Category[], id: string): number {
  const children = new Map<string, string[]>();
  for (const category of tree) {
    if (category.parentId) children.set(category.parentId, [...(children.get(category.parentId) ?? []), category.id]);
  }
  const height = (at: string, depth: number): number =>
    // The depth guard only matters for stored data that already loops.
    depth > 16 ? depth : 1 + Math.max(0, ...(children.get(at) ?? []).map((child) => height(child, depth + 1)));
  return height(id, 0);
}
