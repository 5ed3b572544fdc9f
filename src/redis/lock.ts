import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';

export interface RedisLockTiming {
  /** How long the lock lasts at most: a replica that died holding it holds it no longer. */
  holdMs: number;
  /** How long a replica waits for another one's lock before going ahead without it. */
  waitMs: number;
  pollMs?: number;
}

// Deletes the lock only if it is still ours (it may have expired and been taken by another replica).
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * A lock in Redis that one replica holds at a time (SET NX PX under a random owner). The others poll
 * for it and, past the wait, go ahead without it: a stuck lock must not stop the work. A Redis error
 * rejects; each caller decides what an unreachable Redis means for it.
 */
export class RedisLock {
  private readonly owner = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly timing: RedisLockTiming,
  ) {}

  /**
   * Waits for the lock: true once held; false when the wait is over, or when `done` (asked before
   * every attempt, e.g. whether the holder's result is there) answers true.
   */
  async acquire(done: () => Promise<boolean> = async () => false): Promise<boolean> {
    const giveUpAt = Date.now() + this.timing.waitMs;
    for (;;) {
      if (await done()) return false;
      if ((await this.redis.set(this.key, this.owner, 'PX', this.timing.holdMs, 'NX')) === 'OK') return true;
      if (Date.now() >= giveUpAt) return false;
      await delay(this.timing.pollMs ?? 20);
    }
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.owner);
  }
}
