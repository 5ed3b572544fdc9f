import { LRUCache } from 'lru-cache';

/** What a load yields: the identity of its content (equal upstream bodies, equal ids) and how to build the value. */
export interface Loaded<T> {
  id: string;
  /** Called only when no other account holds a value with this id. */
  build(): T;
  /** How old the data already was when it arrived (read by another replica): it is kept for the rest of the TTL. */
  ageMs?: number;
}

interface Entry<T> {
  /** The shared read while it is in flight. */
  inflight?: Promise<T>;
  /**
   * Set once the read has succeeded: the value's id in the value cache. A number is this account's
   * changed copy (see `update`), which no other account can reach (loads' ids are strings).
   */
  id?: string | number;
  timer?: NodeJS.Timeout;
}

/**
 * A short-lived, process-wide cache of whole upstream lists, one entry per upstream account (the
 * caller decides the key; it must never be shared by different credentials). Single-flight:
 * concurrent readers of one key share one upstream read. Failed reads are not kept. A TTL of 0
 * turns it off (every `get` loads and builds).
 *
 * Values are kept apart from accounts, by the identity of their content: accounts whose upstream
 * answers are identical share one (immutable) value, and a change makes a copy. The values are an
 * LRU bounded by their estimated bytes; an account whose value was dropped for space reads again.
 */
export class SharedListCache<T extends { readonly bytes: number }> {
  private readonly accounts = new Map<string, Entry<T>>();
  private readonly values: LRUCache<string | number, T>;
  private copies = 0;

  constructor(
    private readonly ttlMs: number,
    maxBytes = Number.MAX_SAFE_INTEGER,
  ) {
    this.values = new LRUCache<string | number, T>({
      maxSize: maxBytes,
      sizeCalculation: (value) => Math.max(1, value.bytes),
      // A value outlives its accounts' entries by a TTL: an account that reads the same list again
      // (nothing changed upstream) gets the index already built. One nobody takes again goes.
      ...(ttlMs > 0 ? { ttl: 2 * ttlMs, ttlAutopurge: true } : {}),
    });
  }

  /**
   * The cached value, or a shared read. `retryOwn` says which failures were the reader's own (e.g. its
   * session's credentials died): a request that joined someone else's read then reads once itself.
   */
  get(key: string, load: () => Promise<Loaded<T>>, retryOwn?: (error: unknown) => boolean): Promise<T> {
    if (this.ttlMs <= 0) return load().then((loaded) => loaded.build());
    const current = this.accounts.get(key);
    if (current?.inflight) {
      if (!retryOwn) return current.inflight;
      return current.inflight.catch((error: unknown) => {
        if (retryOwn(error)) return this.get(key, load);
        throw error;
      });
    }
    if (current) {
      const value = this.values.get(current.id!);
      if (value !== undefined) return Promise.resolve(value);
      // Dropped for space: read again.
      this.drop(key, current);
    }
    const entry: Entry<T> = {};
    const inflight = load().then((loaded) => {
      const value = this.values.get(loaded.id) ?? loaded.build();
      // (Again) taken by this account: its lifetime starts over.
      this.values.set(loaded.id, value);
      if (this.accounts.get(key) === entry) {
        entry.inflight = undefined;
        entry.id = loaded.id;
        // The timer starts when the data arrives: the TTL bounds how old served data is.
        entry.timer = setTimeout(() => this.drop(key, entry), Math.max(0, this.ttlMs - (loaded.ageMs ?? 0)));
        entry.timer.unref();
      }
      return value;
    });
    entry.inflight = inflight;
    this.accounts.set(key, entry);
    inflight.catch(() => this.drop(key, entry));
    return inflight;
  }

  /**
   * Gives `key` a changed copy of its value (other accounts may share the original). An entry still
   * in flight is dropped instead: its answer may predate the change.
   */
  update(key: string, change: (value: T) => T): void {
    const entry = this.accounts.get(key);
    if (!entry) return;
    const value = entry.id === undefined ? undefined : this.values.get(entry.id);
    if (value === undefined) return this.drop(key, entry);
    const next = change(value);
    if (next === value) return;
    // The previous copy was this account's alone: kept, it would only take space from live lists.
    this.dropCopy(entry);
    entry.id = ++this.copies;
    this.values.set(entry.id, next);
  }

  /** Drops every entry except `keep`'s (of those `which` selects). */
  invalidateOthers(keep: string, which: (key: string) => boolean = () => true): void {
    for (const [key, entry] of this.accounts) if (key !== keep && which(key)) this.drop(key, entry);
  }

  /** Accounts with an entry. */
  get size(): number {
    return this.accounts.size;
  }

  /** Estimated bytes of the values held. */
  get bytes(): number {
    return this.values.calculatedSize;
  }

  private drop(key: string, entry: Entry<T>): void {
    if (this.accounts.get(key) !== entry) return;
    clearTimeout(entry.timer);
    this.accounts.delete(key);
    this.dropCopy(entry);
  }

  private dropCopy(entry: Entry<T>): void {
    if (typeof entry.id === 'number') this.values.delete(entry.id);
  }
}
