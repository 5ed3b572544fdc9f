import { randomUUID } from 'node:crypto';
import type { AccountSlot, AccountState, NewAccount } from '../datasources/core/upstream.js';
import { isoOrNull } from '../datasources/core/json.js';
import { sessionTokenInvalid, unauthenticated, upstreamSignInEnded, type GatehouseError } from '../errors.js';
import { toUpstreamEnum, type UpstreamName } from '../upstreams.js';
import { hashToken, newSessionToken, Sealer } from './crypto.js';
import type { SessionRecord, SessionStore, StoredAccount } from './session-store.js';

/** A resolved session for one request (no secrets). */
export interface Session {
  id: string;
  /** When the session expires unless used again (epoch ms): the idle limit, capped by the absolute one. */
  expiresAt: number;
  /** When the session expires however much it is used (epoch ms): the absolute limit. */
  endsAt: number;
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
  expiresAt: string | null;
}

export const linkedAccountView = (account: StoredAccount): LinkedAccountView => ({
  upstream: toUpstreamEnum(account.upstream),
  login: account.login,
  userId: account.userId,
  roles: account.roles,
  linkedAt: new Date(account.linkedAt).toISOString(),
  mfaPending: account.mfa !== null,
  // An upstream's expiry (a JWT's exp, Oz's expire_date) may lie beyond a Date's range.
  expiresAt: isoOrNull(account.expiresAt),
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
    if (now - record.lastSeenAt < Math.min(5_000, this.ttl.idleTtlSeconds * 100)) return this.toSession(record);
    const touched = await this.store.update(record.id, (current) => current && { ...current, lastSeenAt: now, expiresAt: this.expiry(current.createdAt, now) });
    return touched && this.toSession(touched);
  }

  /**
   * Links an account: into `existing` (and rotates its token), or into a new session.
   * Returns the new token; any earlier token of the session stops working.
   */
  async link<C>(existing: Session | undefined, account: NewAccount<C>): Promise<{ token: string; session: Session }> {
    const token = newSessionToken();
    const now = this.now();
    const { credentials, ...state } = account;
    const stored = (sessionId: string): StoredAccount => ({ ...state, mfa: state.mfa ?? null, linkedAt: now, credentials: this.seal(sessionId, account.upstream, credentials) });
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
    return { token, session: this.toSession(record!) };
  }

  /**
   * The decrypted credentials of one linked account, read fresh from the store. Credentials that no
   * longer open (sealed under an earlier SESSION_SECRET) are unusable for good: the account is
   * unlinked and its sign-in has ended, rather than failing every upstream field until the session ends.
   */
  async credentials<C>(sessionId: string, upstream: UpstreamName): Promise<C | undefined> {
    const record = await this.store.get(sessionId);
    const account = record?.accounts[upstream];
    if (!account) return undefined;
    try {
      return JSON.parse(this.sealer.open(account.credentials, `${sessionId}:${upstream}`)) as C;
    } catch {
      // Only the blob that failed: a request that has meanwhile signed in again keeps its account.
      await this.store.update(sessionId, (current) => {
        if (current?.accounts[upstream]?.credentials !== account.credentials) return current;
        const accounts = { ...current.accounts };
        delete accounts[upstream];
        return { ...current, accounts };
      });
      throw upstreamSignInEnded(upstream);
    }
  }

  /** Writes refreshed credentials back (and the account's new expiry, when given), if the account is still linked. */
  async saveCredentials<C>(sessionId: string, upstream: UpstreamName, credentials: C, expiresAt?: number | null): Promise<Session | undefined> {
    const record = await this.store.update(sessionId, (current) => {
      const account = current?.accounts[upstream];
      if (!current || !account) return current;
      const refreshed = { ...account, credentials: this.seal(sessionId, upstream, credentials), ...(expiresAt !== undefined ? { expiresAt } : {}) };
      return { ...current, accounts: { ...current.accounts, [upstream]: refreshed } };
    });
    return record && this.toSession(record);
  }

  /** Changes an account's non-secret state (e.g. clears a solved MFA challenge). */
  async updateAccount(sessionId: string, upstream: UpstreamName, change: (account: AccountState) => AccountState): Promise<Session | undefined> {
    const record = await this.store.update(sessionId, (current) => {
      const account = current?.accounts[upstream];
      if (!current || !account) return current;
      return { ...current, accounts: { ...current.accounts, [upstream]: { ...account, ...change(account) } } };
    });
    return record && this.toSession(record);
  }

  /** Removes one account and its upstream tokens from the session. */
  async unlink(sessionId: string, upstream: UpstreamName): Promise<Session | undefined> {
    const record = await this.store.update(sessionId, (current) => {
      if (!current) return current;
      const accounts = { ...current.accounts };
      delete accounts[upstream];
      return { ...current, accounts };
    });
    return record && this.toSession(record);
  }

  /** Ends the session: the token stops working and every upstream token held is deleted. */
  async end(sessionId: string): Promise<void> {
    await this.store.update(sessionId, () => undefined);
  }

  private seal(sessionId: string, upstream: UpstreamName, credentials: unknown): string {
    return this.sealer.seal(JSON.stringify(credentials), `${sessionId}:${upstream}`);
  }

  private expiry(createdAt: number, lastSeenAt: number): number {
    return Math.min(lastSeenAt + this.ttl.idleTtlSeconds * 1000, this.absoluteEnd(createdAt));
  }

  private absoluteEnd(createdAt: number): number {
    return createdAt + this.ttl.absoluteTtlSeconds * 1000;
  }

  private toSession(record: SessionRecord): Session {
    return { id: record.id, expiresAt: record.expiresAt, endsAt: this.absoluteEnd(record.createdAt), accounts: record.accounts };
  }
}

/**
 * Where the request's session token travels besides the GraphQL payload: the browser's session
 * cookie (SESSION_COOKIE). RequestSession tells it of every change of the token, so that it follows
 * the session in one place: a new token on sign-in and linking, the same token re-sent when an
 * account completes its sign-in (a solved MFA challenge), none once the session has ended.
 */
export interface SessionTransport {
  issued(token: string, session: Session): void;
  ended(): void;
}

const NO_TRANSPORT: SessionTransport = { issued: () => undefined, ended: () => undefined };

/**
 * The caller's session for one request, and the one way to change it: linking, unlinking, ending,
 * and the account slots the data sources act through. Every change is stored, then becomes what the
 * rest of the request sees (a second aliased signIn acts on the rotated session; a sign-out shows in
 * later fields), and the transport hears of every change of the token.
 */
export class RequestSession {
  private session: Session | undefined;
  private token: string | undefined;

  constructor(
    private readonly service: SessionService,
    /** The session the request's token resolved to, if any. */
    presented: { token: string; session: Session } | undefined,
    /** A token was sent but is unknown or expired. */
    readonly tokenInvalid: boolean,
    private readonly transport: SessionTransport = NO_TRANSPORT,
  ) {
    this.session = presented?.session;
    this.token = presented?.token;
  }

  get current(): Session | undefined {
    return this.session;
  }

  account(upstream: UpstreamName): StoredAccount | undefined {
    return this.session?.accounts[upstream];
  }

  /** The session's account on `upstream`, or UNAUTHENTICATED naming that upstream. */
  requireAccount(upstream: UpstreamName): StoredAccount {
    const account = this.account(upstream);
    if (!account) throw unauthenticated(upstream);
    return account;
  }

  /** The session, or UNAUTHENTICATED. */
  require(): Session {
    if (!this.session) throw this.missing();
    return this.session;
  }

  /** Why there is no session: UNAUTHENTICATED, saying so when the token sent has expired. */
  missing(): GatehouseError {
    return this.tokenInvalid ? sessionTokenInvalid() : unauthenticated();
  }

  /** Links an account (rotating the token, or starting a session); returns the new token. */
  async link(account: NewAccount): Promise<{ token: string; session: Session; account: StoredAccount }> {
    const { token, session } = await this.service.link(this.session, account);
    this.session = session;
    this.token = token;
    this.transport.issued(token, session);
    return { token, session, account: session.accounts[account.upstream]! };
  }

  async unlink(upstream: UpstreamName): Promise<void> {
    const session = this.session;
    if (!session?.accounts[upstream]) return;
    const accounts = { ...session.accounts };
    delete accounts[upstream];
    this.session = { ...session, accounts };
    await this.service.unlink(session.id, upstream);
  }

  /** Ends the whole session; the request continues signed out. */
  async end(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.token = undefined;
    await this.service.end(session.id);
    this.transport.ended();
  }

  /** The slot through which an upstream's data source acts for this session's account there. */
  slot<C>(upstream: UpstreamName): AccountSlot<C> {
    return new SessionAccountSlot<C>(this, this.service, upstream);
  }

  /** Records an account change the store has made (SessionAccountSlot), such as a solved MFA challenge. */
  replace(session: Session): void {
    this.session = session;
    if (this.token) this.transport.issued(this.token, session);
  }
}

/** A session account as a credential slot; it reads the session as it is when asked, not when made. */
class SessionAccountSlot<C> implements AccountSlot<C> {
  constructor(
    private readonly request: RequestSession,
    private readonly service: SessionService,
    private readonly upstream: UpstreamName,
  ) {}

  /** Concurrent refreshes of one session's account share one upstream call. */
  get key(): string {
    return `${this.request.require().id}:${this.upstream}`;
  }

  get state(): AccountState | undefined {
    return this.request.account(this.upstream);
  }

  async read(): Promise<C | undefined> {
    return this.state ? this.service.credentials<C>(this.request.require().id, this.upstream) : undefined;
  }

  async write(credentials: C, expiresAt?: number | null): Promise<void> {
    const updated = await this.service.saveCredentials(this.request.require().id, this.upstream, credentials, expiresAt);
    // The rest of the request (e.g. `viewer.accounts`) sees the new expiry.
    if (updated?.accounts[this.upstream]) this.request.replace(updated);
  }

  /** Dead credentials sign the account out of the session. */
  async expire(): Promise<undefined> {
    await this.request.unlink(this.upstream);
    return undefined;
  }

  async update(change: (state: AccountState) => AccountState): Promise<AccountState> {
    const updated = this.state && (await this.service.updateAccount(this.request.require().id, this.upstream, change));
    const account = updated?.accounts[this.upstream];
    if (!updated || !account) throw unauthenticated(this.upstream);
    this.request.replace(updated);
    return account;
  }
}
