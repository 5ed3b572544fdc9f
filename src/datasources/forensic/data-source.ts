import DataLoader from 'dataloader';
import { upstreamError } from '../../errors.js';
import { ParamKind } from '../../validation/params.js';
import { expectObject, type ErrorTable } from '../core/call.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import { isoOrNull } from '../core/json.js';
import { upstreamPath } from '../core/path.js';
import type { AuthTokenRecord, CompanyRecord } from '../core/records.js';
import type { AccountDataSource, AccountSlot, NewAccount, SignInRequest } from '../core/upstream.js';
import { ozError } from './errors.js';
import type { OzAuth, OzCredentials } from './oz-auth.js';
import type { ForensicUserRecord } from './records.js';
import { newUserBody, toCompanyRecord, toUserRecord, type NewForensicUser, type OzApiVersion } from './versions.js';

/** Page size used to read a whole list (for `totalCount`): lists are read until a shorter page. */
const FULL_LIST_PAGE = 1_000;
const MAX_FULL_LIST_PAGES = 1_000;

/** What every request's forensic data source shares: the HTTP client, the credential lifecycle, the API version. */
export interface ForensicShared {
  readonly client: UpstreamClient;
  readonly auth: OzAuth;
  readonly apiVersion: OzApiVersion;
}

export interface OffsetPage {
  offset: number;
  limit: number;
}

const errors = (what?: string): ErrorTable => (response) => ozError(response, {}, what);

/**
 * The forensic upstream for one request and one signed-in account. The company loader makes
 * `ForensicUser.company` one read per distinct company, primed by list reads and writes.
 */
export class ForensicDataSource implements AccountDataSource {
  // One result per key: a company that fails (forbidden, timed out) fails only its own users' field.
  private readonly companies = new DataLoader<string, CompanyRecord | null>((ids) => Promise.all(ids.map((id) => this.fetchCompany(id).catch((error: Error) => error))), {
    cacheKeyFn: (id) => id.toLowerCase(),
  });

  private readonly users = new DataLoader<string, ForensicUserRecord | null>((ids) => Promise.all(ids.map((id) => this.fetchUser(id))), {
    batch: false,
    cacheKeyFn: (id) => id.toLowerCase(),
  });

  /** Whole lists, by their query, for `totalCount` (at most one full read per list per request). */
  private readonly fullLists = new Map<string, Promise<unknown[]>>();

  constructor(
    private readonly upstream: ForensicShared,
    readonly account: AccountSlot<OzCredentials>,
    private readonly requestId?: string,
  ) {}

  /** The user Oz returns at sign-in is kept (normalised, no secrets) as the account's profile for `viewer.forensic`. */
  async signIn({ login, password }: SignInRequest): Promise<NewAccount<OzCredentials>> {
    const { credentials, user } = await this.upstream.auth.obtain(login, password, this.requestId);
    const profile = toUserRecord(user);
    return { upstream: 'forensic', login, userId: profile.user_id, roles: [profile.role], mfa: null, expiresAt: credentials.expiresAt, credentials, profile };
  }

  /** null when it does not exist. `id` must already be checked as a UUID. */
  getCompany(id: string): Promise<CompanyRecord | null> {
    return this.companies.load(id);
  }

  /**
   * The company a user record names. The id is Oz's own, not the caller's input: one that is not a
   * UUID is Oz's fault (UPSTREAM_ERROR on that user's field), never BAD_USER_INPUT.
   */
  companyOfUser(user: ForensicUserRecord): Promise<CompanyRecord | null> {
    const id = user.company_id;
    if (!id) return Promise.resolve(null);
    if (!ParamKind.uuid.pattern.test(id)) return Promise.reject(upstreamError('forensic', 'sent a malformed company id'));
    return this.companies.load(id);
  }

  async listCompanies(name: string | null | undefined, page: OffsetPage): Promise<CompanyRecord[]> {
    const companies = (await this.readList('/api/companies/', { name: name || undefined, ...page })).map(toCompanyRecord);
    for (const company of companies) this.companies.prime(company.id, company);
    return companies;
  }

  async countCompanies(name: string | null | undefined): Promise<number> {
    return (await this.readFullList('/api/companies/', { name: name || undefined })).length;
  }

  /** `technicalMetaData` is sent only when given: Oz keeps `{}` otherwise. */
  async createCompany(name: string, technicalMetaData?: Record<string, unknown> | null): Promise<CompanyRecord> {
    const body = { name, ...(technicalMetaData != null ? { technical_meta_data: technicalMetaData } : {}) };
    const company = toCompanyRecord(await this.expect({ method: 'POST', path: '/api/companies/', route: '/api/companies/', body }, 201));
    this.fullLists.clear();
    this.companies.prime(company.id, company);
    return company;
  }

  /** null when it does not exist. `id` must already be checked as a UUID. */
  getUser(id: string): Promise<ForensicUserRecord | null> {
    return this.users.load(id);
  }

  async listUsers(companyId: string | null | undefined, page: OffsetPage): Promise<ForensicUserRecord[]> {
    const users = (await this.readList('/api/users/', { company_id: companyId ?? undefined, ...page })).map(toUserRecord);
    for (const user of users) this.users.prime(user.user_id, user);
    return users;
  }

  async countUsers(companyId: string | null | undefined): Promise<number> {
    return (await this.readFullList('/api/users/', { company_id: companyId ?? undefined })).length;
  }

  async createUser(user: NewForensicUser): Promise<ForensicUserRecord> {
    const body = newUserBody(user, this.upstream.apiVersion);
    const created = toUserRecord(await this.expect({ method: 'POST', path: '/api/users/', route: '/api/users/', body }, 201, 'The company'));
    this.fullLists.clear();
    this.users.prime(created.user_id, created);
    return created;
  }

  /**
   * `GET /api/authorize/service_token/{user_id}` (GET as in Oz's guide). The token is the one
   * secret this API hands out: it goes into the result only, never into a cache or a log line.
   */
  async issueServiceToken(userId: string): Promise<AuthTokenRecord> {
    const path = upstreamPath('/api/authorize/service_token/{userId}', { userId: [userId, 'uuid'] });
    // Each call issues a new token: a retried GET could mint a second one that nobody ever sees.
    const body = await this.expect({ method: 'GET', path, route: '/api/authorize/service_token/:user_id', idempotent: false }, 200, 'The user');
    if (typeof body.access_token !== 'string' || body.access_token === '') throw upstreamError('forensic', 'sent a malformed service token');
    return {
      id: typeof body.token_id === 'string' || typeof body.token_id === 'number' ? String(body.token_id) : String(body.session_id ?? ''),
      upstream: 'forensic',
      label: null,
      userId: typeof body.user_id === 'string' ? body.user_id : userId,
      // Oz does not say when it created the token: it was just now, by the gateway's clock.
      createdAt: new Date().toISOString(),
      // Checked: a date beyond a Date's range must not fail the call after the token was issued.
      expiresAt: typeof body.expire_date === 'number' ? isoOrNull(body.expire_date * 1000) : null,
      secret: body.access_token,
      sessionId: typeof body.session_id === 'string' || typeof body.session_id === 'number' ? String(body.session_id) : null,
    };
  }

  private async fetchCompany(id: string): Promise<CompanyRecord | null> {
    const response = await this.call({ method: 'GET', path: upstreamPath('/api/companies/{id}/', { id: [id, 'uuid'] }), route: '/api/companies/:company_id/' });
    if (response.status === 404) return null;
    if (response.status !== 200) throw ozError(response, {}, 'The company');
    return toCompanyRecord(response.body);
  }

  private async fetchUser(id: string): Promise<ForensicUserRecord | null> {
    const response = await this.call({ method: 'GET', path: upstreamPath('/api/users/{id}/', { id: [id, 'uuid'] }), route: '/api/users/:user_id/' });
    if (response.status === 404) return null;
    if (response.status !== 200) throw ozError(response, {}, 'The user');
    return toUserRecord(response.body);
  }

  private async readList(path: '/api/companies/' | '/api/users/', query: Record<string, string | number | undefined>): Promise<unknown[]> {
    const response = await this.call({ method: 'GET', path, route: path, query });
    if (response.status !== 200) throw ozError(response, { offset: 'after', limit: 'first' });
    if (!Array.isArray(response.body)) throw upstreamError('forensic', 'sent a malformed list');
    return response.body as unknown[];
  }

  private readFullList(path: '/api/companies/' | '/api/users/', query: Record<string, string | undefined>): Promise<unknown[]> {
    const key = JSON.stringify([path, query]);
    let list = this.fullLists.get(key);
    if (!list) {
      list = this.readAllPages(path, query);
      list.catch(() => this.fullLists.delete(key));
      this.fullLists.set(key, list);
    }
    return list;
  }

  private async readAllPages(path: '/api/companies/' | '/api/users/', query: Record<string, string | undefined>): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 0; page < MAX_FULL_LIST_PAGES; page++) {
      const batch = await this.readList(path, { ...query, limit: FULL_LIST_PAGE, offset: items.length });
      items.push(...batch);
      if (batch.length < FULL_LIST_PAGE) return items;
    }
    throw upstreamError('forensic', 'sent too long a list');
  }

  private call(request: UpstreamRequest): Promise<UpstreamResponse> {
    return this.upstream.auth.call(this.account, { ...request, requestId: this.requestId });
  }

  private async expect(request: UpstreamRequest, status: number, what?: string): Promise<Record<string, unknown>> {
    return expectObject('forensic', await this.call(request), [status], errors(what));
  }
}
