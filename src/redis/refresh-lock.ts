import type { Redis } from 'ioredis';
import type { RefreshLock } from '../datasources/core/refresh-lock.js';
import { reach } from './connection.js';
import { RedisLock, type RedisLockTiming } from './lock.js';

/**
 * Serialises refreshes of one account across gateway replicas that share Redis (see RefreshLock).
 * A waiter that gives up while the holder is still refreshing spends the same rotating refresh
 * token, so the timing must outlast the slowest refresh (the upstream deadline).
 */
export class RedisRefreshLock implements RefreshLock {
  constructor(
    private readonly redis: Redis,
    private readonly timing: RedisLockTiming,
  ) {}

  async around<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lock = new RedisLock(this.redis, `gatehouse:refresh-lock:${key}`, this.timing);
    // Past the wait the refresh goes ahead unlocked: a stuck lock must not stop the account working.
    const held = await reach(lock.acquire());
    try {
      return await task();
    } finally {
      if (held) await lock.release().catch(() => undefined);
    }
  }
}
