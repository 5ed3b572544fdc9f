import { randomUUID } from 'node:crypto';
import { toUpstreamEnum, type UpstreamName } from '../upstreams.js';
import { hashToken, newSessionToken, Sealer } from './crypto.js';
import type { SessionRecord, SessionStore, StoredAccount } from './session-store.js';
import type { CredentialSlot } from '../datasources/core/credential-slot.js';

/** A resolved session for one request (no secrets). */
export interface Session {
  id: string;
  expiresAt: number;
  accounts: Partial<Record<UpstreamName, StoredAccount>>;
}

/** `Viewer`'s parent: the request's session, if any. */
export interface ViewerSource {
  session: Session | undefined;
}

/** `LinkedAccount`'s parent. */
export interface LinkedAccountView {
  upstream: 'LENEL' | 'FORENSIC' | 'HR' | 'REHIVE';
  login: string;
  userId: string | null;
  roles: string[];
  linkedAt: string;
  mfaPending: boolean;
}

export interface NewAccount<C> {
  upstream: UpstreamName;
  login: string;
  userId: string | null;
  roles: string[];
  credentials: C;
  mfa?: StoredAccount['mfa'];
  profile?: unknown;
}

export const linkedAccountView = (account: StoredAccount): LinkedAccountView => ({
  upstream: toUpstreamEnum(account.upstream),
  login: account.login,
  userId: account.userId,
  roles: account.roles,
  linkedAt: new Date(account.linkedAt).toISOString(),
  mfaPending: account.mfa !== null,
});

/**
 * Gatehouse sessions (backend-for-frontend): opaque tokens, stored by hash, with idle and absolute
 * expiry; upstream credentials sealed per account. Linking an account into an existing session
 * rotates the token.
 */
export class SessionService {
  private readonly sealer: Sealer;

  constructor(
    private readonly store: SessionStore,
    secret: string,
    private readonly ttl: { idleTtlSeconds: number; absoluteTtlSeconds: number },
    private readonly now: () => number = Date.now,
  ) {
    this.sealer = new Sealer(secret);
  }

  /** The session for a token, or undefined when it is unknown or expired. Using it extends the idle limit. */
  async resolve(token: string): Promise<Session | undefined> {
    const record = await this.store.findByTokenHash(hashToken(token));
    if (!record) return undefined;
    const now = this.now();
    // Touch at most every few seconds (a tenth of the idle limit): a busy client does not need a
    // store write per request.
    if (now - record.lastSeenAt < Math.min(5_000, this.ttl.idleTtlSeconds * 100)) return toSession(record);
    const touched = await this.store.update(record.id, (current) => current && { ...current, lastSeenAt: now, expiresAt: this.expiry(current.createdAt, now) });
    return touched && toSession(touched);
  }

  /**
   * Links an account: into `existing` (and rotates its token), or into a new session.
   * Returns the new token; any earlier token of the session stops working.
   */
  async link<C>(existing: Session | undefined, account: NewAccount<C>): Promise<{ token: string; session: Session }> {
    const token = newSessionToken();
    const now = this.now();
    const stored = (sessionId: string): StoredAccount => ({
      upstream: account.upstream,
      login: account.login,
      userId: account.userId,
      roles: account.roles,
      linkedAt: now,
      mfa: account.mfa ?? null,
      credentials: this.seal(sessionId, account.upstream, account.credentials),
      profile: account.profile,
    });
    let record = existing
      ? await this.store.update(existing.id, (current) =>
          current && {
            ...current,
            tokenHash: hashToken(token),
            lastSeenAt: now,
            expiresAt: this.expiry(current.createdAt, now),
            accounts: { ...current.accounts, [account.upstream]: stored(current.id) },
          },
        )
      : undefined;
    if (!record) {
      const id = randomUUID();
      record = await this.store.update(id, () => ({
        id,
        tokenHash: hashToken(token),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: this.expiry(now, now),
        accounts: { [account.upstream]: stored(id) },
      }));
    }
    return { token, session: toSession(record!) };
  }

  /** The decrypted credentials of one linked account, read fresh from the store. */
  async credentials<C>(sessionId: string, upstream: UpstreamName): Promise<C | undefined> {
    const record = await this.store.get(sessionId);
    const account = record?.accounts[upstream];
    if (!account) return undefined;
    return JSON.parse(this.sealer.open(account.credentials, `${sessionId}:${upstream}`)) as C;
  }

  /** Writes refreshed credentials back, if the account is still linked. */
  async saveCredentials<C>(sessionId: string, upstream: UpstreamName, credentials: C): Promise<void> {
    await this.store.update(sessionId, (current) => {
      const account = current?.accounts[upstream];
      if (!current || !account) return current;
      return { ...current, accounts: { ...current.accounts, [upstream]: { ...account, credentials: this.seal(sessionId, upstream, credentials) } } };
    });
  }

  /** Changes an account's non-secret state (e.g. clears a solved MFA challenge). */
  async updateAccount(sessionId: string, upstream: UpstreamName, change: (account: StoredAccount) => StoredAccount): Promise<Session | undefined> {
    const record = await this.store.update(sessionId, (current) => {
      const account = current?.accounts[upstream];
      if (!current || !account) return current;
      return { ...current, accounts: { ...current.accounts, [upstream]: change(account) } };
    });
    return record && toSession(record);
  }

  /** Removes one account and its upstream tokens from the session. */
  async unlink(sessionId: string, upstream: UpstreamName): Promise<void> {
    await this.store.update(sessionId, (current) => {
      if (!current) return current;
      const accounts = { ...current.accounts };
      delete accounts[upstream];
      return { ...current, accounts };
    });
  }

  /** Ends the session: the token stops working and every upstream token held is deleted. */
  async end(sessionId: string): Promise<void> {
    await this.store.update(sessionId, () => undefined);
  }

  /** A session account's credentials as a slot for a credential lifecycle; expiry signs the account out. */
  slot<C>(sessionId: string, upstream: UpstreamName): CredentialSlot<C> {
    return {
      key: `${sessionId}:${upstream}`,
      read: () => this.credentials<C>(sessionId, upstream),
      write: (credentials) => this.saveCredentials(sessionId, upstream, credentials),
      expire: async () => {
        await this.unlink(sessionId, upstream);
        return undefined;
      },
    };
  }

  private seal(sessionId: string, upstream: UpstreamName, credentials: unknown): string {
    return this.sealer.seal(JSON.stringify(credentials), `${sessionId}:${upstream}`);
  }

  private expiry(createdAt: number, lastSeenAt: number): number {
    return Math.min(lastSeenAt + this.ttl.idleTtlSeconds * 1000, createdAt + this.ttl.absoluteTtlSeconds * 1000);
  }
}

function toSession(record: SessionRecord): Session {
  return { id: record.id, expiresAt: record.expiresAt, accounts: record.accounts };
}
