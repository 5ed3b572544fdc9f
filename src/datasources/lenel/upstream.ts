import { ErrorCode, GatehouseError, upstreamUnavailable } from '../../errors.js';
import { cacheRead } from '../../tracing.js';
import type { UpstreamName } from '../../upstreams.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import { readAllPages } from '../core/pagination.js';
import { processLock, type RefreshLock } from '../core/refresh-lock.js';
import { ServiceAccountSlot } from '../core/service-account.js';
import type { AccountSlot } from '../core/upstream.js';
import { drfError } from '../drf/errors.js';
import { SimpleJwtAuth, type JwtCredentials } from '../drf/simplejwt.js';
import { SharedListCache } from './cache.js';
import { BadgeIndex, EmployeeIndex } from './indexes.js';
import type { LenelBadgeRecord, LenelEmployeeRecord } from './records.js';

/**
 * One lenel account that reads go through: a session's own account or the gateway's service
 * account. `cacheKey` is the account's identity (never a token: tokens rotate), so the shared
 * list cache is per account and never crosses credentials.
 */
export interface LenelReader {
  readonly cacheKey: string;
  call(request: UpstreamRequest): Promise<UpstreamResponse>;
}

export interface LenelOptions {
  /** Shared list cache lifetime; 0 turns the cache off. */
  cacheTtlMs: number;
  /** How many accounts' lists the shared cache holds at most. */
  cacheMaxAccounts?: number;
  /** Serialises refreshes across replicas (sessions in Redis). */
  refreshLock?: RefreshLock;
  /** The service account behind `User.employee` for callers without their own lenel account. */
  service?: { username: string; password: string } | undefined;
  /** Whose users the service account links to a cardholder (only upstreams that vouch for the e-mail). */
  linkUpstreams?: ReadonlySet<UpstreamName>;
  /** Epoch milliseconds, for token expiry and the service account's back-off (default Date.now). */
  now?: () => number;
}

/**
 * A person whose cardholder record `User.employee` looks up: their e-mail, the upstream it comes
 * from, and whether that upstream vouches for it (a directory login, a verified address).
 */
export interface EmailIdentity {
  upstream: UpstreamName;
  email: string | null | undefined;
  vouched: boolean;
}

/** What every request's lenel data source shares: the client, the credential lifecycle, the service account and the list cache. */
export class LenelUpstream {
  readonly auth: SimpleJwtAuth;
  readonly service: LenelReader | undefined;
  private readonly linkUpstreams: ReadonlySet<UpstreamName>;
  private readonly badges: SharedListCache<BadgeIndex>;
  private readonly employees: SharedListCache<EmployeeIndex>;
  private readonly now: () => number;

  constructor(
    readonly client: UpstreamClient,
    options: LenelOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.auth = new SimpleJwtAuth(client, { obtain: '/auth/token/', refresh: '/auth/token/refresh/' }, 'username', this.now, options.refreshLock ?? processLock);
    this.badges = new SharedListCache(options.cacheTtlMs, options.cacheMaxAccounts);
    this.employees = new SharedListCache(options.cacheTtlMs, options.cacheMaxAccounts);
    this.service = options.service && this.serviceReader(options.service);
    this.linkUpstreams = options.linkUpstreams ?? new Set();
  }

  /**
   * Whether the service account may link this identity: only an e-mail its upstream vouches for,
   * from an upstream the operator trusts. Anyone can register a Rehive account or be created as a
   * forensic user with a colleague's address; matching that claim would hand out the colleague's
   * cardholder record and badges.
   */
  mayLink(identity: EmailIdentity): boolean {
    return identity.vouched && this.linkUpstreams.has(identity.upstream);
  }

  /** The reader for the caller's own lenel account, when one is linked. */
  accountReader(account: AccountSlot<JwtCredentials>): LenelReader | undefined {
    const state = account.state;
    if (!state) return undefined;
    // The backend user id from the JWT identifies the account; the login is the fallback.
    const identity = state.userId === null ? `login:${state.login}` : `id:${state.userId}`;
    return { cacheKey: `user:${identity}`, call: (request) => this.auth.call(account, request) };
  }

  /** Every badge the reader may see, indexed: one upstream read per account per cache window. */
  readBadges(reader: LenelReader): Promise<BadgeIndex> {
    return cacheRead('lenel badges', (loader) =>
      this.badges.get(reader.cacheKey, loader(async () => new BadgeIndex(await this.readList<LenelBadgeRecord>(reader, '/api/badges/'))), isCredentialError),
    );
  }

  readEmployees(reader: LenelReader): Promise<EmployeeIndex> {
    return cacheRead('lenel employees', (loader) =>
      this.employees.get(reader.cacheKey, loader(async () => new EmployeeIndex(await this.readList<LenelEmployeeRecord>(reader, '/api/employees/'))), isCredentialError),
    );
  }

  /**
   * After `update-badges`: the writer's cached list gets the new record (read-after-write), other
   * accounts' lists are dropped rather than patched, since what one account sees must not be
   * copied into another's.
   */
  badgeChanged(reader: LenelReader, updated: LenelBadgeRecord): void {
    this.badges.update(reader.cacheKey, (index) => index.replace(updated));
    this.badges.invalidateOthers(reader.cacheKey);
  }

  private readList<T>(reader: LenelReader, path: string): Promise<T[]> {
    return readAllPages<T>(this.client, path, (request) => reader.call(request), (response) => drfError('lenel', response));
  }

  private serviceReader(account: { username: string; password: string }): LenelReader {
    const slot = new ServiceAccountSlot<JwtCredentials>(`lenel-service:${account.username}`, async () => {
      try {
        const { access, refresh } = await this.auth.obtain(account.username, account.password);
        return { access, refresh };
      } catch (error) {
        throw serviceAccountError(error);
      }
    }, undefined, this.now);
    return {
      cacheKey: `service:${account.username}`,
      call: async (request) => {
        try {
          return await this.auth.call(slot, request);
        } catch (error) {
          throw serviceAccountError(error);
        }
      },
    };
  }
}

/**
 * Two sessions of one backend user share a cache entry, but not their tokens: when the session that
 * started a shared read has lost its sign-in, the others read again with their own.
 */
const isCredentialError = (error: unknown): boolean => error instanceof GatehouseError && error.code === ErrorCode.UNAUTHENTICATED;

/** The caller is signed in to Gatehouse: a rejected service account is the gateway's problem, not theirs. */
function serviceAccountError(error: unknown): unknown {
  if (error instanceof GatehouseError && (error.code === ErrorCode.UNAUTHENTICATED || error.code === ErrorCode.BAD_USER_INPUT)) {
    return upstreamUnavailable('lenel', "rejected the gateway's service account");
  }
  return error;
}
