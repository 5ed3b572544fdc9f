import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

/**
 * Attempt limits for guessable secrets (passwords, one-time codes). Every attempt counts, including
 * ones hidden in a single request through aliases: each aliased field consumes its own points.
 */
export class AttemptLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(name: string, points: number, durationSeconds: number) {
    this.limiter = new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
  }

  /** Spends one attempt for each key; throws RATE_LIMITED when any of them is exhausted. */
  async consume(...keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.limiter.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        throw error;
      }
    }
  }
}
