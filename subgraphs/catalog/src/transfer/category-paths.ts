import type { Category } from '../domain/catalog-types.js';

/** `footwear/athletic/running-shoes` for running-shoes: its slug and its ancestors', root first. */
export function pathOf(id: string, byId: ReadonlyMap<string, Category>): string {
  const slugs: string[] = [];
  for (let current = byId.get(id); current && slugs.length < 16; current = current.parentId ? byId.get(current.parentId) : undefined) slugs.unshift(current.slug);
  return slugs.join('/');
}

/** What a file's category paths mean against the stored tree. */
export interface CategoryPathPlan {
  /** Paths (and prefixes of paths) whose every category exists where the path says. */
  known: Map<string, string>;
  /** Prefixes to create, parents before children (`home`, then `home/garden`). */
  missing: string[];
  /** Paths that contradict the tree: a slug that exists under another parent. */
  conflicts: Map<string, string>;
}

export function planCategoryPaths(paths: Iterable<string>, tree: readonly Category[]): CategoryPathPlan {
  const byId = new Map(tree.map((category) => [category.id, category]));
  const bySlug = new Map(tree.map((category) => [category.slug, category]));
  const plan: CategoryPathPlan = { known: new Map(), missing: [], conflicts: new Map() };
  const missing = new Set<string>();
  for (const path of new Set(paths)) {
    const segments = path.split('/');
    let parentId: string | undefined;
    let parentMissing = false;
    const prefixes: string[] = [];
    for (let depth = 0; depth < segments.length; depth++) {
      const prefix = segments.slice(0, depth + 1).join('/');
      const existing = bySlug.get(segments[depth] as string);
      if (existing && (parentMissing || existing.parentId !== parentId)) {
        plan.conflicts.set(path, `Category ${existing.slug} exists at ${pathOf(existing.id, byId)}, not at ${prefix}.`);
        break;
      }
      if (!existing) {
        parentMissing = true;
        prefixes.push(prefix);
      } else plan.known.set(prefix, existing.id);
      parentId = existing?.id;
    }
    if (plan.conflicts.has(path)) continue;
    // Only a path that is fine creates categories: a bad row writes nothing.
    for (const prefix of prefixes) missing.add(prefix);
  }
  // A slug created twice under different parents would also contradict itself.
  const created = new Map<string, string>();
  for (const prefix of [...missing].sort((a, b) => a.split('/').length - b.split('/').length)) {
    const slug = prefix.split('/').at(-1) as string;
    const other = created.get(slug);
    if (other !== undefined) {
      for (const path of new Set(paths)) {
        if (path === prefix || path.startsWith(`${prefix}/`)) plan.conflicts.set(path, `Category ${slug} is also in this file at ${other}.`);
      }
      continue;
    }
    created.set(slug, prefix);
    plan.missing.push(prefix);
  }
  return plan;
}

/** "running-shoes" → "Running Shoes": a name to rename later with updateCategory. */
export function nameFromSlug(slug: string): string {
  return slug
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
