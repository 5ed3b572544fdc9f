interface Entry<T> {
  promise: Promise<T>;
  /** Set once the read has succeeded; until then the entry is in flight. */
  value?: T;
  timer?: NodeJS.Timeout;
}

/**
 * A short-lived, process-wide cache of whole upstream lists, one entry per upstream account (the
 * caller decides the key; it must never be shared by different credentials). Single-flight:
 * concurrent readers of one key share one upstream read. Failed reads are not kept. A TTL of 0
 * turns it off (every `get` loads). At most `maxEntries` accounts are held (a large site's lists
 * weigh tens of MB per account): the least recently used settled entry goes first.
 */
export class SharedListCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * The cached value, or a shared read. `retryOwn` says which failures were the reader's own (e.g. its
   * session's credentials died): a request that joined someone else's read then reads once itself.
   */
  get(key: string, load: () => Promise<T>, retryOwn?: (error: unknown) => boolean): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const current = this.entries.get(key);
    if (current) {
      // Map order doubles as recency order.
      this.entries.delete(key);
      this.entries.set(key, current);
      if (!retryOwn || current.value !== undefined) return current.promise;
      return current.promise.catch((error: unknown) => {
        if (retryOwn(error)) return this.get(key, load);
        throw error;
      });
    }
    const entry: Entry<T> = { promise: load() };
    this.entries.set(key, entry);
    this.evictOverflow();
    entry.promise.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        entry.value = value;
        // The timer starts when the data arrives: the TTL bounds how old served data is.
        entry.timer = setTimeout(() => this.drop(key, entry), this.ttlMs);
        entry.timer.unref();
      },
      () => this.drop(key, entry),
    );
    return entry.promise;
  }

  /**
   * Applies a change to the cached value of `key` in place. An entry still in flight is dropped
   * instead: its answer may predate the change.
   */
  update(key: string, change: (value: T) => void): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.value === undefined) this.drop(key, entry);
    else change(entry.value);
  }

  /** Drops every entry except `keep`'s. */
  invalidateOthers(keep: string): void {
    for (const [key, entry] of this.entries) if (key !== keep) this.drop(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  private evictOverflow(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries) return;
      if (entry.value !== undefined) this.drop(key, entry);
    }
  }

  private drop(key: string, entry: Entry<T>): void {
    if (this.entries.get(key) !== entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(key);
  }
}
