import { LRUCache } from 'lru-cache';

export interface EdgeEntry {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly surrogateKeys: readonly string[];
  readonly storedAt: number;
}

/**
 * The answers one gateway replica keeps in memory, bounded in bytes (least recently used go first)
 * and in time (the upstream's surrogate max-age). Every purge advances the epoch: an answer fetched
 * before a purge and arriving after it is not stored, so a purge can never be undone by a request
 * that was in flight when it happened.
 */
export class EdgeCacheStore {
  private readonly entries: LRUCache<string, EdgeEntry>;
  private currentEpoch = 0;

  constructor(
    maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache<string, EdgeEntry>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => entry.body.length + key.length + 256,
      ttlAutopurge: false,
      ttlResolution: 0,
      perf: { now },
    });
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): EdgeEntry | undefined {
    return this.entries.get(key);
  }

  /** Keeps `entry` for `maxAgeSeconds` unless a purge happened since `epochAtRequest`; says whether it did. */
  store(key: string, epochAtRequest: number, entry: Omit<EdgeEntry, 'storedAt'>, maxAgeSeconds: number): boolean {
    if (epochAtRequest !== this.currentEpoch) return false;
    this.entries.set(key, { ...entry, storedAt: this.now() }, { ttl: maxAgeSeconds * 1000 });
    return this.entries.has(key);
  }

  /** Drops every answer stored under `surrogateKey`; returns how many. */
  purge(surrogateKey: string): number {
    this.currentEpoch += 1;
    let dropped = 0;
    for (const [key, entry] of this.entries.entries()) {
      if (entry.surrogateKeys.includes(surrogateKey)) {
        this.entries.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear(): void {
    this.currentEpoch += 1;
    this.entries.clear();
  }
}
