import type { Cart } from '../domain/cart.js';

/**
 * How long the cart remembers a change id. A retry comes within seconds (the SDK's own
 * attempts, a proxy sending a request again after a replica died, a client's retry), so a few
 * minutes is ample; older ids are dropped by later adds, which keeps the map small.
 */
export const CHANGE_MEMORY_SECONDS = 600;
/** At most this many old ids are dropped per write, so one expression stays small. */
const MAX_DROPPED_PER_WRITE = 16;

/**
 * The parts of an add's UpdateItem that make it apply at most once per change id: the id is
 * recorded in the same write, on condition that it is not there yet. A cart stored before
 * carts remembered changes has no map yet; the first add creates it whole.
 */
export function rememberChange(cart: Cart, changeId: string, nowSeconds: number) {
  const memory = cart.recentChanges;
  if (!memory) {
    return {
      set: ['changes = :firstChange'],
      remove: [],
      condition: 'attribute_not_exists(changes)',
      names: {},
      values: { ':firstChange': { [changeId]: nowSeconds } },
    };
  }
  const dropped = Object.entries(memory)
    .filter(([id, at]) => id !== changeId && at < nowSeconds - CHANGE_MEMORY_SECONDS)
    .slice(0, MAX_DROPPED_PER_WRITE)
    .map(([id]) => id);
  return {
    set: ['changes.#change = :changedAt'],
    remove: dropped.map((_, index) => `changes.#dropped${index}`),
    condition: 'attribute_not_exists(changes.#change)',
    names: { '#change': changeId, ...Object.fromEntries(dropped.map((id, index) => [`#dropped${index}`, id])) },
    values: { ':changedAt': nowSeconds },
  };
}

/** True when the change with this id has already been applied to the cart. */
export function hasApplied(cart: Pick<Cart, 'recentChanges'> | undefined, changeId: string): boolean {
  return cart?.recentChanges?.[changeId] !== undefined;
}
