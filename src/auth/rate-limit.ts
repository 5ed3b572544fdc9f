import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited, serviceUnavailable } from '../errors.js';

/**
 * Attempt limits for guessable secrets (passwords, one-time codes). Every attempt counts, including
 * ones hidden in a single request through aliases: each aliased field consumes its own points.
 * With Redis the counts are shared by every gateway replica, so adding replicas adds no guesses.
 */
export class AttemptLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(name: string, points: number, durationSeconds: number, redis?: Redis) {
    this.limiter = redis
      ? new RateLimiterRedis({ storeClient: redis, rejectIfRedisNotReady: true, keyPrefix: `gatehouse:limit:${name}`, points, duration: durationSeconds })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
  }

  /** Spends one attempt for each key; throws RATE_LIMITED when any of them is exhausted. */
  async consume(...keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.limiter.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        // Redis unreachable: refuse (never let the attempt through uncounted), but as retryable.
        throw serviceUnavailable();
      }
    }
  }
}
