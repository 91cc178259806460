/** Limits of the public response cache; 0 entries turns it off. */
export interface ResponseCacheLimits {
  maxEntries: number;
  /** The sum of the entries' sizes (their JSON length, near enough bytes) at most. */
  maxBytes: number;
}

interface Entry<V> {
  value: V;
  bytes: number;
  storedAt: number;
  expiresAt: number;
}

/**
 * A least-recently-used map bounded by entry count and by size, whose entries expire. For
 * public answers only: safe to lose, and recomputed on a miss.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private bytes = 0;

  constructor(private readonly limits: ResponseCacheLimits) {}

  get(key: string, now = Date.now()): { value: V; storedAt: number; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.remove(key, entry);
    if (entry.expiresAt <= now) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the oldest key is the least recent.
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    return entry;
  }

  set(key: string, value: V, bytes: number, expiresAt: number, now = Date.now()): void {
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    if (this.limits.maxEntries === 0 || bytes > this.limits.maxBytes || expiresAt <= now) return;
    this.entries.set(key, { value, bytes, storedAt: now, expiresAt });
    this.bytes += bytes;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldestKey, oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private remove(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
