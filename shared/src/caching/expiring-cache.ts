import { SecondSight } from './second-sight.js';

/** How much a cache may hold: entries, and optionally their summed sizes. */
export interface CacheLimits {
  maxEntries: number;
  /** The sum of the entries' sizes (as their owner measures them, near enough bytes) at most. */
  maxBytes?: number;
  /**
   * Admit a key only the second time it is stored, remembering first sights in a fixed table of
   * this many slots (second-sight.ts): for caches of per-visitor answers, where most visitors
   * may never come back and each entry they left would only be garbage for V8 to keep.
   */
  admitOnSecondSight?: number;
}

export interface CacheEntry<V> {
  value: V;
  bytes: number;
  storedAt: number;
  expiresAt: number;
}

/**
 * The one kind of in-process cache (the gateway's and the subgraphs'): a map bounded by entry count (and by size, where its owner
 * gives sizes) whose entries also expire; the least recently used go first when it is full.
 * For values that are safe to recompute and to lose (verified token claims, signed contexts,
 * public answers); never the only copy of anything.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, CacheEntry<V>>();
  private bytes = 0;
  private readonly limits: Required<Omit<CacheLimits, 'admitOnSecondSight'>>;
  private readonly admission: SecondSight | undefined;

  constructor(limits: number | CacheLimits) {
    const { maxEntries, maxBytes = Number.POSITIVE_INFINITY, admitOnSecondSight } = typeof limits === 'number' ? { maxEntries: limits } : limits;
    this.limits = { maxEntries, maxBytes };
    this.admission = admitOnSecondSight ? new SecondSight(admitOnSecondSight) : undefined;
  }

  get(key: string, now = Date.now()): V | undefined {
    return this.entry(key, now)?.value;
  }

  /** The entry with when it was stored and expires, for answers that report their age. */
  entry(key: string, now = Date.now()): CacheEntry<V> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.remove(key, entry);
    if (entry.expiresAt <= now) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the oldest key is the least recent.
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    return entry;
  }

  /**
   * Stores `value` until `expiresAt`; one already expired, or larger than the whole budget, is
   * not kept, nor (with admitOnSecondSight) a key stored for the first time. Then makes room,
   * least recent first, and drops the expired entries at the least recent end: an entry that
   * expired is not kept until the cache is full (a cache of 250 ms answers holds a quarter
   * second of traffic, not its last 50,000 entries).
   */
  set(key: string, value: V, expiresAt: number, bytes = 0, now = Date.now()): void {
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    if (this.limits.maxEntries === 0 || bytes > this.limits.maxBytes || expiresAt <= now) return;
    if (!previous && this.admission && !this.admission.seenBefore(key)) return;
    this.entries.set(key, { value, bytes, storedAt: now, expiresAt });
    this.bytes += bytes;
    for (const [oldestKey, oldest] of this.entries) {
      const full = this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes;
      if (!full && oldest.expiresAt > now) break;
      this.remove(oldestKey, oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private remove(key: string, entry: CacheEntry<V>): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
