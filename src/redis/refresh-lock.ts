import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { RefreshLock } from '../datasources/core/refresh-lock.js';
import { reach } from './connection.js';

/** Serialises refreshes of one account across gateway replicas that share Redis (see RefreshLock). */
// Deletes the lock only if it is still ours (it may have expired and been taken by another replica).
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class RedisRefreshLock implements RefreshLock {
  constructor(
    private readonly redis: Redis,
    private readonly holdMs = 10_000,
    private readonly waitMs = 5_000,
  ) {}

  async around<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = `gatehouse:refresh-lock:${key}`;
    const owner = randomUUID();
    const giveUpAt = Date.now() + this.waitMs;
    // Past the wait the refresh goes ahead unlocked: a stuck lock must not stop the account working.
    while ((await reach(this.redis.set(lockKey, owner, 'PX', this.holdMs, 'NX'))) !== 'OK' && Date.now() < giveUpAt) await delay(20);
    try {
      return await task();
    } finally {
      await this.redis.eval(RELEASE, 1, lockKey, owner).catch(() => undefined);
    }
  }
}
