import type { Cart } from '../domain/cart.js';

/**
 * How long the cart remembers a change id. A retry comes within seconds (the SDK's own
 * attempts, a proxy sending a request again after a replica died, a client's retry), so a few
 * minutes is ample; older ids are dropped by later adds, which keeps the map small.
 */
export const CHANGE_MEMORY_SECONDS = 600;
/**
 * How many change ids a cart remembers at most, by default. Age alone does not bound the map: a
 * script adding to one cart for ten minutes would grow it toward DynamoDB's 400 kB item limit,
 * after which every write to the cart fails. At about 50 bytes an id, 256 ids take some 13 kB,
 * and no shopper makes 256 adds within a retry's few seconds. Past the bound the oldest ids are
 * dropped, so a retry of one of those is applied again: the price of a cart that always
 * accepts writes.
 */
export const DEFAULT_MAX_REMEMBERED_CHANGES = 256;
/**
 * At most this many ids are dropped per write, so one expression stays well inside DynamoDB's
 * 4 kB. Within the bound one add drops one id; more only catches up after concurrent adds or
 * on a cart stored before the bound (each add then shrinks it by up to 15).
 */
const MAX_DROPPED_PER_WRITE = 16;

/** When a change was applied: epoch seconds with milliseconds, so adds within one second keep their order. */
export const changeTime = (now: Date): number => now.getTime() / 1000;

/**
 * The parts of an add's UpdateItem that make it apply at most once per change id: the id is
 * recorded in the same write, on condition that it is not there yet, and the ids past their
 * age or past `maxRemembered` (oldest first) are removed in that write too. Removals are not
 * conditional: concurrent adds that read the same map drop the same ids, so the map can end a
 * few ids over the bound, and the next add drops those. A cart stored before carts remembered
 * changes has no map yet; the first add creates it whole.
 */
export function rememberChange(cart: Cart, changeId: string, at: number, maxRemembered: number) {
  const memory = cart.recentChanges;
  if (!memory) {
    return {
      set: ['changes = :firstChange'],
      remove: [],
      condition: 'attribute_not_exists(changes)',
      names: {},
      values: { ':firstChange': { [changeId]: at } },
    };
  }
  // Oldest first, ties by id, so every replica plans the same removals from the same read.
  const others = Object.entries(memory)
    .filter(([id]) => id !== changeId)
    .sort(([idA, atA], [idB, atB]) => atA - atB || (idA < idB ? -1 : idA > idB ? 1 : 0));
  const expired = others.filter(([, changedAt]) => changedAt < at - CHANGE_MEMORY_SECONDS).length;
  const overBound = others.length + 1 - maxRemembered;
  const dropped = others.slice(0, Math.min(MAX_DROPPED_PER_WRITE, Math.max(expired, overBound, 0))).map(([id]) => id);
  return {
    set: ['changes.#change = :changedAt'],
    remove: dropped.map((_, index) => `changes.#dropped${index}`),
    condition: 'attribute_not_exists(changes.#change)',
    names: { '#change': changeId, ...Object.fromEntries(dropped.map((id, index) => [`#dropped${index}`, id])) },
    values: { ':changedAt': at },
  };
}

/** True when the change with this id has already been applied to the cart. */
export function hasApplied(cart: Pick<Cart, 'recentChanges'> | undefined, changeId: string): boolean {
  return cart?.recentChanges?.[changeId] !== undefined;
}
