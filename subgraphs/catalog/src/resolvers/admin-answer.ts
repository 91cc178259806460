import { Role, type UserError } from '@shopgraph/shared';
import { requireRole } from '@shopgraph/shared/server';
import type { CatalogContext } from '../context.js';
import { CatalogWriteError } from '../errors.js';

/**
 * The shape of every admin mutation: ADMIN role, then the input's problems (all of them, each
 * naming its field), then one write whose expected refusals (a taken slug, a version that moved
 * on) come back as UserErrors. Anything else is unexpected and masked as usual.
 */
export async function adminAnswer<K extends string, T>(
  context: CatalogContext,
  key: K,
  problems: () => UserError[],
  write: () => Promise<T>,
): Promise<{ [P in K]: T | null } & { errors: UserError[] }> {
  requireRole(context, Role.ADMIN);
  const refuse = (errors: UserError[]) => ({ [key]: null, errors }) as { [P in K]: T | null } & { errors: UserError[] };
  const found = problems();
  if (found.length > 0) return refuse(found);
  try {
    const value = await write();
    return { [key]: value, errors: [] } as { [P in K]: T | null } & { errors: UserError[] };
  } catch (error) {
    if (error instanceof CatalogWriteError) return refuse([error.toUserError()]);
    throw error;
  }
}

/** GraphQL sends an omitted optional field as undefined and an explicit one as null: both mean "keep it". */
export function given<T extends Record<string, unknown>>(input: T): { [P in keyof T]?: Exclude<T[P], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)) as { [P in keyof T]?: Exclude<T[P], null> };
}
