import { createHash } from 'node:crypto';
import { ErrorCode, GatehouseError, upstreamError, upstreamUnavailable } from '../../errors.js';
import { cacheRead } from '../../tracing.js';
import type { UpstreamName } from '../../upstreams.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import { isRecord } from '../core/json.js';
import { unshared, type ListShare, type SharedList } from '../core/list-share.js';
import { readAllPages } from '../core/pagination.js';
import { processLock, type RefreshLock } from '../core/refresh-lock.js';
import { ServiceAccountSlot } from '../core/service-account.js';
import type { AccountSlot } from '../core/upstream.js';
import { drfError } from '../drf/errors.js';
import { SimpleJwtAuth, type JwtCredentials } from '../drf/simplejwt.js';
import { SharedListCache } from './cache.js';
import { BadgeIndex, EmployeeIndex, type IndexOptions } from './indexes.js';
import type { LenelBadgeRecord } from './records.js';

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
  /** How many (estimated) bytes of lists the shared cache holds at most. */
  cacheMaxBytes?: number;
  /** Serialises refreshes across replicas (sessions in Redis). */
  refreshLock?: RefreshLock;
  /** Shares list reads across replicas (Redis); default: this process only. */
  listShare?: ListShare;
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
  private readonly service: LenelReader | undefined;
  private readonly linkUpstreams: ReadonlySet<UpstreamName>;
  /** Both lists of every account, under `listKey`s: one byte limit for all. */
  private readonly lists: SharedListCache<BadgeIndex | EmployeeIndex>;
  private readonly ttlMs: number;
  private readonly share: ListShare;
  private readonly now: () => number;

  constructor(
    readonly client: UpstreamClient,
    options: LenelOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.auth = new SimpleJwtAuth(client, { obtain: '/auth/token/', refresh: '/auth/token/refresh/' }, 'username', this.now, options.refreshLock ?? processLock);
    this.ttlMs = options.cacheTtlMs;
    this.lists = new SharedListCache(options.cacheTtlMs, options.cacheMaxBytes);
    this.share = options.listShare ?? unshared;
    this.service = options.service && this.serviceAccount(options.service);
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

  /** The reader for the caller's own lenel account, when one is linked; its calls are logged with `requestId`. */
  accountReader(account: AccountSlot<JwtCredentials>, requestId?: string): LenelReader | undefined {
    const state = account.state;
    if (!state) return undefined;
    // The backend user id from the JWT identifies the account; the login is the fallback.
    const identity = state.userId === null ? `login:${state.login}` : `id:${state.userId}`;
    return { cacheKey: `user:${identity}`, call: (request) => this.auth.call(account, { ...request, requestId }) };
  }

  /** The gateway's service account (for `User.employee`), when configured; its calls are logged with `requestId`. */
  serviceReader(requestId?: string): LenelReader | undefined {
    const service = this.service;
    return service && { cacheKey: service.cacheKey, call: (request) => service.call({ ...request, requestId }) };
  }

  /** Every badge the reader may see, indexed: one upstream read per account per cache window (across replicas with Redis). */
  readBadges(reader: LenelReader): Promise<BadgeIndex> {
    return this.readIndex(reader, BADGES, 'lenel badges', BadgeIndex.fromUpstream);
  }

  readEmployees(reader: LenelReader): Promise<EmployeeIndex> {
    return this.readIndex(reader, EMPLOYEES, 'lenel employees', EmployeeIndex.fromUpstream);
  }

  /**
   * After `update-badges`: the writer's cached list gets the new record (read-after-write), other
   * accounts' lists are dropped rather than patched, since what one account sees must not be
   * copied into another's.
   */
  badgeChanged(reader: LenelReader, updated: LenelBadgeRecord): void {
    const key = listKey(BADGES, reader);
    this.lists.update(key, (index) => (index as BadgeIndex).withReplaced(updated));
    this.lists.invalidateOthers(key, (other) => other.startsWith(listKey(BADGES)));
    // Other replicas read every list again (a failure leaves them to their TTL, as before sharing).
    void this.share.invalidateAll().catch(() => undefined);
  }

  private readIndex<I extends BadgeIndex | EmployeeIndex>(reader: LenelReader, path: string, cache: string, build: (items: unknown, options: IndexOptions) => I): Promise<I> {
    // Off: each request reads and indexes for itself, nothing is shared or kept.
    if (this.ttlMs <= 0) return this.readList(reader, path).then((items) => build(items, { compact: false }));
    const load = async () => {
      const key = `lenel ${this.client.origin} ${reader.cacheKey} ${path}`;
      const { list, ageMs } = await this.share.get(key, this.ttlMs, () => this.readBody(reader, path));
      // Equal bodies, one index: accounts that see the same list share its records.
      const id = `${path} ${createHash('sha256').update(list.text).digest('base64url')}`;
      return { id, ageMs, build: () => build(list.items ?? parseList(list.text), { compact: true, bodyBytes: Buffer.byteLength(list.text) }) };
    };
    // With tracing on, a span tells whether this read was served from the cache.
    return cacheRead(cache, (loader) => this.lists.get(listKey(path, reader), loader(load), isCredentialError) as Promise<I>);
  }

  private readList(reader: LenelReader, path: string): Promise<unknown[]> {
    return readAllPages<unknown>(this.client, path, (request) => reader.call(request), (response) => drfError('lenel', response));
  }

  /**
   * A whole list with its body text: a single page's as sent, several pages' items as one array. A
   * bare array is not parsed here: when an index of the same text exists already (another account's,
   * or this one's before the cache window ended) it is never parsed at all.
   */
  private async readBody(reader: LenelReader, path: string): Promise<SharedList> {
    const first = await reader.call({ method: 'GET', path, route: path, raw: true });
    if (first.status === 200 && first.text !== undefined && BARE_ARRAY.test(first.text)) return { text: first.text };
    const pages: string[] = [];
    const items = await readAllPages<unknown>(
      this.client,
      path,
      (request) => reader.call(request),
      (response) => drfError('lenel', response),
      (response) => pages.push(response.text ?? JSON.stringify(response.body)),
      first,
    );
    return { text: pages.length === 1 ? pages[0]! : JSON.stringify(items), items };
  }

  private serviceAccount(account: { username: string; password: string }): LenelReader {
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

const BADGES = '/api/badges/';
/** One account's list in the shared cache; without a reader, the start of every account's key for that list. */
const listKey = (path: string, reader?: LenelReader): string => `${path}|${reader?.cacheKey ?? ''}`;
/** A list answered as one bare JSON array (no page envelope, so no further pages). */
const BARE_ARRAY = /^\s*\[/;
const EMPLOYEES = '/api/employees/';

/** The items of a list body another replica shared: a bare array or one DRF page. */
function parseList(text: string): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw upstreamError('lenel', 'sent a malformed list');
  }
  if (Array.isArray(body)) return body;
  if (isRecord(body) && Array.isArray(body.results)) return body.results;
  throw upstreamError('lenel', 'sent a malformed list');
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
