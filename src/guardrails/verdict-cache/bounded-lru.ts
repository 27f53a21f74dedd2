/** Milliseconds since some epoch; injected so tests move time by hand. */
export type Clock = () => number;

interface Entry<V> {
  value: V;
  bytes: number;
  expiresAt: number;
  tag: string;
}

export interface LruBounds {
  maxEntries: number;
  maxBytes: number;
}

/**
 * A least-recently-used map bounded by entry count and by the bytes its callers say each entry holds, with a TTL per
 * entry and a tag per entry (the guardrail it belongs to) so one tag's entries can be dropped together. A Map keeps
 * insertion order: a hit is moved to the end, eviction takes from the front.
 */
export class BoundedLru<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private totalBytes = 0;

  constructor(
    private readonly bounds: LruBounds,
    private readonly clock: Clock = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.expiresAt <= this.clock()) {
      this.remove(key, entry);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value for `ttlMs`; an entry larger than the byte bound is not stored at all. */
  set(key: string, value: V, bytes: number, ttlMs: number, tag: string): void {
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      this.remove(key, existing);
    }
    if (bytes > this.bounds.maxBytes || ttlMs <= 0) {
      return;
    }
    this.entries.set(key, { value, bytes, expiresAt: this.clock() + ttlMs, tag });
    this.totalBytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.bounds.maxEntries && this.totalBytes <= this.bounds.maxBytes) {
        break;
      }
      this.remove(oldest, entry);
    }
  }

  /** Drops every entry stored under `tag`; returns how many. */
  dropTag(tag: string): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.tag === tag) {
        this.remove(key, entry);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  private remove(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}
