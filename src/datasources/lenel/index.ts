import DataLoader from 'dataloader';
import type { RefreshLock } from '../core/refresh-lock.js';
import type { AccountUpstream, SignInRequest, SignInResult } from '../../auth/accounts.js';
import type { SessionService, Session } from '../../auth/session.js';
import { SimpleJwtAuth, type JwtCredentials } from '../drf/simplejwt.js';
import { ErrorCode, GatehouseError, notFound, unauthenticated, upstreamError, upstreamUnavailable } from '../../errors.js';
import { drfError } from '../drf/errors.js';
import { isRecord } from '../core/json.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import { readAllPages } from '../core/pagination.js';
import { SharedListCache } from './cache.js';
import { BadgeIndex, EmployeeIndex, normalizeEmail } from './indexes.js';
import type { UpstreamName } from '../../upstreams.js';
import type { LenelBadgeRecord, LenelEmployeeRecord } from './records.js';
import { ServiceAccountSlot } from '../core/service-account.js';

/** The two statuses `update-badges` accepts. */
export const LENEL_STATUS_CODES = { ACTIVE: 1, INACTIVE: 4 } as const;

const UPDATE_FIELDS = { badge_id: 'badgeId', status: 'status' };
const UPDATE_PATH = '/api/update-badges/';

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

/** The process-wide part of the lenel upstream: client, credential lifecycle, service account, list cache. */
export class LenelUpstream implements AccountUpstream {
  readonly name = 'lenel';
  readonly auth: SimpleJwtAuth;
  readonly service: LenelReader | undefined;
  private readonly linkUpstreams: ReadonlySet<UpstreamName>;
  private readonly badges: SharedListCache<BadgeIndex>;
  private readonly employees: SharedListCache<EmployeeIndex>;

  constructor(
    readonly client: UpstreamClient,
    options: LenelOptions,
  ) {
    this.auth = new SimpleJwtAuth(client, { obtain: '/auth/token/', refresh: '/auth/token/refresh/' }, 'username', Date.now, options.refreshLock);
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

  async signIn({ login, password }: SignInRequest): Promise<SignInResult> {
    const { access, refresh, userId } = await this.auth.obtain(login, password);
    return { upstream: 'lenel', login, userId, roles: [], credentials: { access, refresh } satisfies JwtCredentials };
  }

  /** The reader for a session's own lenel account, if one is linked. */
  sessionReader(sessions: SessionService, session: Session | undefined): LenelReader | undefined {
    const account = session?.accounts.lenel;
    if (!session || !account) return undefined;
    const slot = sessions.slot<JwtCredentials>(session.id, 'lenel');
    // The backend user id from the JWT identifies the account; the login is the fallback.
    const identity = account.userId === null ? `login:${account.login}` : `id:${account.userId}`;
    return { cacheKey: `user:${identity}`, call: (request) => this.auth.call(slot, request) };
  }

  /** Every badge the reader may see, indexed: one upstream read per account per cache window. */
  readBadges(reader: LenelReader): Promise<BadgeIndex> {
    return this.badges.get(reader.cacheKey, async () => new BadgeIndex(await this.readList<LenelBadgeRecord>(reader, '/api/badges/')), isCredentialError);
  }

  readEmployees(reader: LenelReader): Promise<EmployeeIndex> {
    return this.employees.get(reader.cacheKey, async () => new EmployeeIndex(await this.readList<LenelEmployeeRecord>(reader, '/api/employees/')), isCredentialError);
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
    });
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

/**
 * The lenel upstream for one request. Reads go through the caller's own account when one is
 * linked, otherwise (only for the `User.employee` link) through the service account. Per-request
 * DataLoaders are all served by one (cached) read of each list.
 */
export class LenelDataSource {
  private readonly reader: LenelReader | undefined;
  private badgeIndex: Promise<BadgeIndex> | undefined;
  private employeeIndex: Promise<EmployeeIndex> | undefined;
  /** The cardholder index once it has arrived, for synchronous lookups. */
  private employeeIndexLoaded: EmployeeIndex | undefined;

  private readonly badgeById = new DataLoader<number, LenelBadgeRecord | null>(async (ids) => {
    const index = await this.badges();
    return ids.map((id) => index.byId.get(id) ?? null);
  });

  private readonly badgesByEmployeeId = new DataLoader<number, LenelBadgeRecord[]>(async (ids) => {
    const index = await this.badges();
    return ids.map((id) => index.byEmployeeId.get(id) ?? []);
  });

  private readonly employeeById = new DataLoader<number, LenelEmployeeRecord | null>(async (ids) => {
    const index = await this.employees();
    return ids.map((id) => index.byId.get(id) ?? null);
  });

  private readonly employeeByEmail = new DataLoader<string, LenelEmployeeRecord | null>(async (emails) => {
    const index = await this.employees();
    // Several cardholders with one e-mail: the first in the backend's order (the lowest id).
    return emails.map((email) => index.byEmail.get(email)?.[0] ?? null);
  });

  constructor(
    private readonly upstream: LenelUpstream,
    private readonly own: LenelReader | undefined,
  ) {
    this.reader = own ?? upstream.service;
  }

  /** The root lenel fields need the caller's own account; the service account serves only the link. */
  requireOwnAccount(): void {
    if (!this.own) throw unauthenticated('lenel');
  }

  async listBadges(): Promise<readonly LenelBadgeRecord[]> {
    this.requireOwnAccount();
    return (await this.badges()).list;
  }

  async listEmployees(): Promise<EmployeeIndex> {
    this.requireOwnAccount();
    return this.employees();
  }

  /** null when it does not exist or is not visible; ids beyond 2^53 cannot be in a JSON list exactly. */
  getBadge(id: string): Promise<LenelBadgeRecord | null> {
    const key = Number(id);
    return Number.isSafeInteger(key) ? this.badgeById.load(key) : Promise.resolve(null);
  }

  getEmployee(id: string | number): Promise<LenelEmployeeRecord | null> {
    const key = Number(id);
    return Number.isSafeInteger(key) ? this.employeeById.load(key) : Promise.resolve(null);
  }

  badgesOfEmployee(employeeId: string | number): Promise<LenelBadgeRecord[]> {
    const key = Number(employeeId);
    return Number.isSafeInteger(key) ? this.badgesByEmployeeId.load(key) : Promise.resolve([]);
  }

  /**
   * Starts reading the cardholders now, in parallel with the badge read a field is about to make,
   * instead of one round trip after it. Errors surface on the fields that use the result.
   */
  prefetchEmployees(): void {
    if (this.own) this.employees().catch(() => undefined);
  }

  /** The cardholder from an index that has already arrived; undefined when it has not. */
  employeeIfLoaded(id: number): LenelEmployeeRecord | null | undefined {
    return this.employeeIndexLoaded && (this.employeeIndexLoaded.byId.get(id) ?? null);
  }

  /**
   * `User.employee`: the cardholder with the person's e-mail (case-insensitive), or null. The
   * caller's own lenel account may look anyone up (it reads every cardholder anyway); the service
   * account only links identities their upstream vouches for, and otherwise makes no call at all.
   */
  employeeOf(identity: EmailIdentity): Promise<LenelEmployeeRecord | null> | null {
    const key = normalizeEmail(identity.email);
    if (!key || (!this.own && !this.upstream.mayLink(identity))) return null;
    return this.employeeByEmail.load(key);
  }

  /** `POST /api/update-badges/`; `id` is an already validated positive integer. */
  async updateBadgeStatus(id: string, status: keyof typeof LENEL_STATUS_CODES): Promise<LenelBadgeRecord> {
    this.requireOwnAccount();
    const numeric = Number(id);
    // DRF's IntegerField also takes the decimal string, which stays exact beyond 2^53.
    const body = { badge_id: Number.isSafeInteger(numeric) ? numeric : id, status: LENEL_STATUS_CODES[status] };
    const response = await this.read().call({ method: 'POST', path: UPDATE_PATH, route: UPDATE_PATH, body });
    if (response.status === 404) throw notFound('The badge', 'lenel');
    if (response.status !== 200) throw drfError('lenel', response, UPDATE_FIELDS, 'The badge');
    const updated = response.body;
    if (!isRecord(updated) || !Number.isInteger(updated.id) || !Number.isInteger(updated.status)) throw upstreamError('lenel', 'sent a malformed badge');
    const badge = updated as unknown as LenelBadgeRecord;
    this.upstream.badgeChanged(this.read(), badge);
    // Later fields of this request read the patched shared list (or read again when it is off).
    this.badgeIndex = undefined;
    this.badgeById.clearAll();
    this.badgesByEmployeeId.clearAll();
    return badge;
  }

  private badges(): Promise<BadgeIndex> {
    return (this.badgeIndex ??= this.upstream.readBadges(this.read()));
  }

  private employees(): Promise<EmployeeIndex> {
    return (this.employeeIndex ??= this.upstream.readEmployees(this.read()).then((index) => (this.employeeIndexLoaded = index)));
  }

  private read(): LenelReader {
    if (!this.reader) throw upstreamUnavailable('lenel', 'has no service account configured');
    return this.reader;
  }
}
