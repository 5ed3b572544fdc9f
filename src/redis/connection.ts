import { Redis, ReplyError } from 'ioredis';
import { serviceUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * The one Redis connection a gateway process shares (sessions, attempt counts, refresh locks), and
 * whether it is usable. While Redis is unreachable every command fails at once (nothing waits in a
 * queue for a reconnection) and ioredis keeps reconnecting in the background, so the gateway
 * recovers by itself when Redis returns.
 */
export class RedisConnection {
  readonly client: Redis;
  private state: 'starting' | 'up' | 'down' = 'starting';
  private lastError: unknown;
  private closing = false;

  constructor(url: string, timeoutMs: number, logger: Logger) {
    this.client = new Redis(url, {
      // Fail fast: a command issued while disconnected is refused instead of queued...
      enableOfflineQueue: false,
      // ...and commands in flight when the connection drops fail instead of waiting to be resent.
      maxRetriesPerRequest: 0,
      connectTimeout: timeoutMs,
      // A Redis that accepts connections but stops answering (paused, partitioned) fails too.
      commandTimeout: timeoutMs,
      // Reconnect forever, at most a second apart.
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    // Logged once per change of state, as JSON. Without an 'error' listener ioredis would print
    // every failed reconnection attempt, with its stack, on stderr.
    this.client.on('error', (error: unknown) => {
      this.lastError = error;
      if (this.state === 'starting') this.down(logger);
    });
    this.client.on('close', () => {
      if (this.state === 'up' && !this.closing) this.down(logger);
    });
    this.client.on('ready', () => {
      this.state = 'up';
      this.lastError = undefined;
      logger.info({ store: 'redis' }, 'session store available');
    });
  }

  /** Whether commands can be sent now (the connection is established and Redis answered its ready check). */
  get available(): boolean {
    return this.client.status === 'ready';
  }

  /** Resolves once connected, or after `timeoutMs` (the gateway then starts, and reports itself not ready). */
  async connected(timeoutMs: number): Promise<void> {
    if (this.available) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.client.on('ready', done);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private down(logger: Logger): void {
    this.state = 'down';
    logger.error({ store: 'redis', ...(this.lastError ? { err: this.lastError } : {}) }, 'session store unavailable');
  }
}

/**
 * A Redis command's result. When Redis cannot be reached the caller gets SERVICE_UNAVAILABLE (retry
 * later), never a 500; an error Redis itself answered (a ReplyError) is a bug and stays one.
 */
export async function reach<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw serviceUnavailable();
  }
}
