import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { reach } from '../redis/connection.js';
import type { SessionRecord, SessionStore } from './session-store.js';

const MAX_ATTEMPTS = 50;

/**
 * Sessions in Redis, for several gateway replicas and restarts that keep sessions. Two keys per
 * session, both expiring with it: the record by session id, and the token hash → id index (the
 * token itself is never stored). `update` is optimistic: WATCH the record, apply the change,
 * MULTI/EXEC, and try again if another replica changed it in between. With Redis unreachable every
 * method throws SERVICE_UNAVAILABLE.
 */
export class RedisSessionStore implements SessionStore {
  /** WATCH is per connection: updates from this process take turns so their watches do not mix. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'gatehouse:',
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<SessionRecord | undefined> {
    return this.live(await reach(this.redis.get(this.sessionKey(id))));
  }

  async findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const id = await reach(this.redis.get(this.tokenKey(tokenHash)));
    return id === null ? undefined : this.get(id);
  }

  update(id: string, change: (current: SessionRecord | undefined) => SessionRecord | undefined): Promise<SessionRecord | undefined> {
    const run = this.turn.then(() => this.updateNow(id, change));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async updateNow(id: string, change: (current: SessionRecord | undefined) => SessionRecord | undefined): Promise<SessionRecord | undefined> {
    const key = this.sessionKey(id);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await reach(this.redis.watch(key));
      let current: SessionRecord | undefined;
      let next: SessionRecord | undefined;
      try {
        current = this.live(await reach(this.redis.get(key)));
        next = change(current ? structuredClone(current) : undefined);
      } catch (error) {
        await reach(this.redis.unwatch());
        throw error;
      }
      const transaction = this.redis.multi();
      if (current && current.tokenHash !== next?.tokenHash) transaction.del(this.tokenKey(current.tokenHash));
      const ttl = next ? next.expiresAt - this.now() : 0;
      if (!next || ttl <= 0) transaction.del(key);
      else {
        transaction.set(key, JSON.stringify(next), 'PX', ttl);
        transaction.set(this.tokenKey(next.tokenHash), id, 'PX', ttl);
      }
      // null: another replica changed the record in between; read it again after a short, random pause.
      if ((await reach(transaction.exec())) !== null) return next && ttl > 0 ? next : undefined;
      await delay(1 + Math.random() * 4 * Math.min(attempt + 1, 5));
    }
    throw new Error('session update kept conflicting');
  }

  /** The Redis connection belongs to whoever made it (services.ts): nothing to close here. */
  async close(): Promise<void> {}

  private live(json: string | null): SessionRecord | undefined {
    if (json === null) return undefined;
    const record = JSON.parse(json) as SessionRecord;
    return record.expiresAt > this.now() ? record : undefined;
  }

  private sessionKey(id: string): string {
    return `${this.prefix}session:${id}`;
  }

  private tokenKey(tokenHash: string): string {
    return `${this.prefix}token:${tokenHash}`;
  }
}
