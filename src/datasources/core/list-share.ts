/**
 * Whole upstream lists shared by gateway replicas (REDIS_URL): one upstream read per list, account
 * and cache lifetime across all replicas instead of one per replica. The key names the account,
 * so a list is never shared between accounts.
 */
export interface ListShare {
  /**
   * The body any replica read under `key` less than `ttlMs` ago, with its age; otherwise `read()`'s,
   * which is then kept for the others. While another replica reads the same key, this one waits for
   * its body (briefly) instead of reading too. A share that is unreachable reads locally.
   */
  get(key: string, ttlMs: number, read: () => Promise<SharedList>): Promise<{ list: SharedList; ageMs: number }>;
  /** After a write that may change what any account sees: every shared list is read again. */
  invalidateAll(): Promise<void>;
}

/** A list as read: its body text, and the parsed items when this process parsed it already. */
export interface SharedList {
  text: string;
  items?: unknown[];
}

/** One replica: nothing to share. */
export const unshared: ListShare = {
  get: async (_key, _ttlMs, read) => ({ list: await read(), ageMs: 0 }),
  invalidateAll: async () => undefined,
};
