import type { AccountState } from '../datasources/core/upstream.js';
import type { UpstreamName } from '../upstreams.js';

/** One upstream account linked into a session. `credentials` is sealed (AES-256-GCM). */
export interface StoredAccount extends AccountState {
  /** epoch ms */
  linkedAt: number;
  credentials: string;
}

export interface SessionRecord {
  id: string;
  /** Hash of the current session token; rotation replaces it. */
  tokenHash: string;
  /** epoch ms */
  createdAt: number;
  lastSeenAt: number;
  /** min(lastSeenAt + idle TTL, createdAt + absolute TTL) */
  expiresAt: number;
  accounts: Partial<Record<UpstreamName, StoredAccount>>;
}

/**
 * Where sessions live. The in-memory store serves one process; a shared store (Redis) implements
 * the same interface for several replicas. `update` must be atomic per session.
 */
export interface SessionStore {
  get(id: string): Promise<SessionRecord | undefined>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  /** Replaces a session with what `change` returns (undefined deletes it); creates it when absent. */
  update(id: string, change: (current: SessionRecord | undefined) => SessionRecord | undefined): Promise<SessionRecord | undefined>;
  close(): Promise<void>;
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly byToken = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return this.live(this.sessions.get(id));
  }

  async findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const id = this.byToken.get(tokenHash);
    return id === undefined ? undefined : this.live(this.sessions.get(id));
  }

  async update(id: string, change: (current: SessionRecord | undefined) => SessionRecord | undefined): Promise<SessionRecord | undefined> {
    // Synchronous read-modify-write: atomic in one process.
    const current = this.live(this.sessions.get(id));
    const next = change(current ? structuredClone(current) : undefined);
    if (current) this.byToken.delete(current.tokenHash);
    if (!next) {
      this.sessions.delete(id);
      return undefined;
    }
    this.sessions.set(id, next);
    this.byToken.set(next.tokenHash, id);
    return structuredClone(next);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  get size(): number {
    return this.sessions.size;
  }

  private live(record: SessionRecord | undefined): SessionRecord | undefined {
    if (!record) return undefined;
    if (record.expiresAt <= this.now()) {
      this.sessions.delete(record.id);
      this.byToken.delete(record.tokenHash);
      return undefined;
    }
    return record;
  }

  private sweep(): void {
    for (const record of this.sessions.values()) this.live(record);
  }
}
