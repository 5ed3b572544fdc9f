import DataLoader from 'dataloader';
import { invalidCredentials, notFound, upstreamError } from '../../errors.js';
import { expectObject, expectStatus } from '../core/call.js';
import { Memo } from '../core/memo.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import { epochMs, isoOrNull, isRecord } from '../core/json.js';
import { readAllPages } from '../core/pagination.js';
import { upstreamPath } from '../core/path.js';
import type { AuthTokenRecord } from '../core/records.js';
import type { AccountDataSource, AccountSlot, AccountState, NewAccount, SignInRequest } from '../core/upstream.js';
import type { RehiveAccess, RehiveAuth, RehiveCredentials } from './auth.js';
import { rehiveError, type RehiveErrorOptions } from './errors.js';
import type { RehiveAuthenticatorRecord, RehiveChallengeRecord, RehiveSessionData, RehiveTokenRecord, RehiveUserRecord } from './records.js';

/** Rehive field → GraphQL input field, for `fieldErrors`; unlisted fields are camel-cased. */
const LOGIN_FIELDS = { user: 'login', session_duration: 'sessionDurationSeconds' };
const REGISTER_FIELDS = { password1: 'password', password2: 'password', session_duration: 'sessionDurationSeconds' };
const PASSWORD_FIELDS = {
  user: 'login',
  old_password: 'currentPassword',
  new_password: 'newPassword',
  new_password1: 'newPassword',
  new_password2: 'newPassword',
};
const TOKEN_FIELDS = { duration: 'durationSeconds' };

/** A filter on the caller's token list: instants as ISO 8601, ids as token keys (checked as `word`). */
export interface TokenFilter {
  createdAt?: string | null;
  createdAfter?: string | null;
  createdAtOrAfter?: string | null;
  createdBefore?: string | null;
  createdAtOrBefore?: string | null;
  /** true: only tokens with an expiry */
  expires?: boolean | null;
  ids?: readonly string[] | null;
  excludeId?: string | null;
}

/** The list filters of the original document (django-filter lookups on `created`). */
const CREATED_PARAMS = {
  createdAt: 'created',
  createdAfter: 'created__gt',
  createdAtOrAfter: 'created__gte',
  createdBefore: 'created__lt',
  createdAtOrBefore: 'created__lte',
} as const;
const TOKEN_FILTER_FIELDS = {
  ...Object.fromEntries(Object.entries(CREATED_PARAMS).map(([field, param]) => [param, field])),
  expires__isnull: 'expires',
  token_key: 'ids',
  token_key__in: 'ids',
  token_key__exclude: 'excludeId',
};

/** Verify and deliver take a challenge or an authenticator, exactly one: Rehive's two refusals concern both fields. */
const MFA_TARGET_MESSAGES = {
  'Provide either a challenge or an authenticator, not both.': ['challengeId', 'authenticatorId'],
  'A challenge or an authenticator is required.': ['challengeId', 'authenticatorId'],
};
const VERIFY_ERRORS = { fieldNames: { token: 'code', challenge: 'challengeId', authenticator: 'authenticatorId' }, messageField: 'code', messageFields: MFA_TARGET_MESSAGES };

/** Rehive's documented challenge lifetime; its challenge object carries only `created`. */
const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;
const KNOWN_AUTHENTICATOR_TYPES = new Set(['totp', 'sms', 'static']);

/** What every request's Rehive data source shares: the HTTP client and the credential handling. */
export interface RehiveShared {
  readonly client: UpstreamClient;
  readonly auth: RehiveAuth;
}

/** Rehive's `clear_session_option`: which of the user's other sessions and tokens end too. */
export type ClearSessionOption = 'all' | 'temporary' | 'none';

/** The Register / company-register body (snake_case, only the fields the client gave). */
export type RehiveRegistration = Record<string, unknown> & { password: string };

/**
 * The rehive upstream for one request and the session's Rehive account: sign-in, the public
 * endpoints (called without the user's token: Rehive authenticates a sent token before it checks
 * permissions, so a stale one would turn a public call into a 401) and the account's own calls.
 * Per-request loaders make `viewer.rehive`, `RehiveUser.mfaAuthenticators`/`authTokens` and the
 * root fields share reads.
 */
export class RehiveDataSource implements AccountDataSource {
  /** `GET /3/auth/`: the user, and the calling token. */
  private readonly authState = new Memo(async () => successData<{ user: RehiveUserRecord; token?: unknown }>(await this.call({ method: 'GET', path: '/3/auth/', route: '/3/auth/' }), [200]));

  /** `GET /3/company/`: the auth API names the user's company only by its id; this is where its name is. */
  private readonly company = new Memo(async () => {
    const response = await this.call({ method: 'GET', path: '/3/company/', route: '/3/company/' });
    // Refused (not permitted to read the company, or gone): no name, rather than an error.
    if (response.status === 403 || response.status === 404) return null;
    const data = successData<unknown>(response, [200]);
    return isRecord(data) && typeof data.id === 'string' ? { id: data.id, name: typeof data.name === 'string' ? data.name : null } : null;
  });

  private readonly authenticators = new Memo(async () => {
    const path = '/3/auth/mfa/authenticators/';
    const records = await readAllPages<RehiveAuthenticatorRecord>(
      this.upstream.client,
      path,
      // Rehive wraps its page envelope in `{"status","data"}`: unwrap it for the shared page reader.
      async (request) => unwrap(await this.call(request, 'mfa')),
      (response) => rehiveError(response),
    );
    const masked = records.map(mask);
    for (const record of masked) this.authenticatorById.prime(record.id, record);
    return masked;
  });

  private readonly authenticatorById = new DataLoader<string, RehiveAuthenticatorRecord | null>(
    (ids) => Promise.all(ids.map((id) => this.fetchAuthenticator(id))),
    { batch: false },
  );

  /** Token lists by their query string: one read per distinct filter per request. */
  private readonly tokenLists = new Map<string, Memo<AuthTokenRecord[]>>();

  private readonly tokenById = new DataLoader<string, AuthTokenRecord | null>((keys) => Promise.all(keys.map((key) => this.fetchToken(key))), { batch: false });

  constructor(
    private readonly upstream: RehiveShared,
    readonly account: AccountSlot<RehiveCredentials>,
    private readonly requestId?: string,
  ) {}

  /** `POST /3/auth/login/`, then `GET /3/auth/` for the user unless a challenge is pending. */
  async signIn({ login, password, company, sessionDurationSeconds }: SignInRequest): Promise<NewAccount<RehiveCredentials>> {
    const response = await this.upstream.client.request({
      requestId: this.requestId,
      method: 'POST',
      path: '/3/auth/login/',
      route: '/3/auth/login/',
      body: { user: login, company, password, auth_method: 'token', ...(sessionDurationSeconds != null ? { session_duration: sessionDurationSeconds } : {}) },
    });
    if (response.status === 400 && isRecord(response.body) && !isRecord(response.body.data)) throw invalidCredentials('rehive');
    const data = successData<RehiveSessionData>(response, [200], { fieldNames: LOGIN_FIELDS });
    return this.newAccount(login, data);
  }

  /**
   * `POST /3/auth/logout/`: this session's token ends, and with `temporary` or `all` the user's other
   * sessions and tokens too. Ending only this session (`none`) is best effort: skipped while MFA is
   * pending (such a token dies with its challenge), and a token already gone is fine. Clearing the
   * others is what the caller asked for, so it goes the normal way: MFA_REQUIRED while a challenge
   * is pending, and every failure reported.
   */
  async signOut(clearSessions: ClearSessionOption = 'none'): Promise<void> {
    if (clearSessions !== 'none') {
      expectSuccess(await this.call({ method: 'POST', path: '/3/auth/logout/', route: '/3/auth/logout/', body: { clear_session_option: clearSessions } }));
      return;
    }
    if (!this.account.state || this.account.state.mfa) return;
    const credentials = await this.account.read();
    if (!credentials) return;
    const response = await this.upstream.client.request({
      requestId: this.requestId,
      method: 'POST',
      path: '/3/auth/logout/',
      route: '/3/auth/logout/',
      headers: { authorization: `Token ${credentials.token}` },
      // Only this session's token: `temporary` would also end the user's other sessions (their other
      // devices, and the new token of a sign-in that replaces this one).
      body: { clear_session_option: 'none' },
    });
    // 401: the token had already ended, which is what logout wants.
    if (response.status !== 200 && response.status !== 401) throw rehiveError(response);
  }

  async register(registration: RehiveRegistration, login: string): Promise<NewAccount<RehiveCredentials>> {
    const response = await this.public('/3/auth/register/', registration);
    return this.newAccount(login, successData<RehiveSessionData>(response, [201, 200], { fieldNames: REGISTER_FIELDS }));
  }

  async registerCompany(registration: RehiveRegistration, login: string): Promise<NewAccount<RehiveCredentials>> {
    const response = await this.public('/3/auth/company/register/', registration);
    return this.newAccount(login, successData<RehiveSessionData>(response, [201, 200], { fieldNames: REGISTER_FIELDS }));
  }

  verifyEmail(key: string): Promise<void> {
    return this.action('/3/auth/email/verify/', { key }, { messageField: 'key' });
  }

  resendEmailVerification(email: string, company: string): Promise<void> {
    return this.action('/3/auth/email/verify/resend/', { email, company });
  }

  resendMobileVerification(mobile: string, company: string): Promise<void> {
    return this.action('/3/auth/mobile/verify/resend/', { mobile, company });
  }

  /** `force` is passed through: Rehive documents it as a boolean (default false) without saying what it changes. */
  requestPasswordReset(user: string, company: string, force: boolean): Promise<void> {
    return this.action('/3/auth/password/reset/', { user, company, force }, { fieldNames: PASSWORD_FIELDS });
  }

  resetPassword(uid: string, token: string, newPassword: string, clearSessions: ClearSessionOption): Promise<void> {
    return this.action(
      '/3/auth/password/reset/confirm/',
      { new_password: newPassword, uid, token, clear_session_option: clearSessions },
      { fieldNames: PASSWORD_FIELDS, messageField: 'token' },
    );
  }

  requestAccountDeactivation(user: string, company: string): Promise<void> {
    return this.action('/3/auth/deactivate/', { user, company });
  }

  confirmAccountDeactivation(key: string): Promise<void> {
    return this.action('/3/auth/deactivate/verify/', { key }, { messageField: 'key' });
  }

  requestAccountDeletion(user: string, company: string): Promise<void> {
    return this.action('/3/auth/request-delete/', { user, company });
  }

  confirmAccountDeletion(key: string): Promise<void> {
    return this.action('/3/auth/request-delete/verify/', { key }, { messageField: 'key' });
  }

  /** The account to link for a login or registration, with its pending challenge if any. */
  private async newAccount(login: string, data: RehiveSessionData): Promise<NewAccount<RehiveCredentials>> {
    if (!isRecord(data) || typeof data.token !== 'string' || !isRecord(data.user) || typeof data.user.id !== 'string') {
      throw upstreamError('rehive', 'sent a malformed response');
    }
    // Times a Date cannot hold are dropped here: they would fail the sign-in's answer after the account was linked.
    const credentials: RehiveCredentials = { token: data.token, expires: epochMs(data.expires) };
    const challenge = (data.challenges ?? []).find((c): c is RehiveChallengeRecord => isRecord(c) && typeof c.id === 'string');
    if (challenge) {
      const created = epochMs(challenge.created) ?? Date.now();
      return {
        upstream: 'rehive',
        login,
        userId: data.user.id,
        roles: [],
        expiresAt: credentials.expires,
        credentials,
        mfa: {
          challengeId: challenge.id,
          authenticatorTypes: (challenge.authenticator_types ?? []).filter((type) => KNOWN_AUTHENTICATOR_TYPES.has(type)),
          expiresAt: created + CHALLENGE_LIFETIME_MS,
        },
      };
    }
    // Login returns only the user's id; registration the whole user.
    const user = Array.isArray(data.user.groups) ? (data.user as RehiveUserRecord) : await this.userWithToken(credentials.token);
    return { upstream: 'rehive', login, userId: user.id, roles: groupNames(user), expiresAt: credentials.expires, credentials, mfa: null };
  }

  private async userWithToken(token: string): Promise<RehiveUserRecord> {
    const response = await this.upstream.client.request({ method: 'GET', path: '/3/auth/', route: '/3/auth/', headers: { authorization: `Token ${token}` }, requestId: this.requestId });
    return userOf(successData<{ user: RehiveUserRecord }>(response, [200]));
  }

  private public(path: string, body: Record<string, unknown>): Promise<UpstreamResponse> {
    return this.upstream.client.request({ method: 'POST', path, route: path, body, requestId: this.requestId });
  }

  private async action(path: string, body: Record<string, unknown>, options: RehiveErrorOptions = {}): Promise<void> {
    expectSuccess(await this.public(path, body), options);
  }


  async getMe(): Promise<RehiveUserRecord> {
    return userOf(await this.authState.get());
  }

  /** The session's own token as `GET /3/auth/` describes it (no secret); null when it does not. */
  async getSessionToken(): Promise<AuthTokenRecord | null> {
    const { token } = await this.authState.get();
    return isRecord(token) && typeof token.token_key === 'string' ? this.tokenRecord(token as unknown as RehiveTokenRecord, null) : null;
  }

  /** The name of the caller's company `id`; null when Rehive refuses to say. One read per request. */
  async getCompanyName(id: string): Promise<string | null> {
    const company = await this.company.get();
    return company?.id === id ? company.name : null;
  }

  /** Every authenticator of the caller (masked). Readable while a challenge is pending, as Rehive allows. */
  listAuthenticators(): Promise<RehiveAuthenticatorRecord[]> {
    return this.authenticators.get();
  }

  /** null when it does not exist or is someone else's. `id` must already be checked (`identifier`). */
  getAuthenticator(id: string): Promise<RehiveAuthenticatorRecord | null> {
    return this.authenticatorById.load(id);
  }

  /** The new authenticator unmasked: the one response that carries its secret. */
  async createAuthenticator(type: RehiveAuthenticatorRecord['type']): Promise<RehiveAuthenticatorRecord> {
    const response = await this.call({ method: 'POST', path: '/3/auth/mfa/authenticators/', route: '/3/auth/mfa/authenticators/', body: { type } });
    const created = successData<RehiveAuthenticatorRecord>(response, [201, 200]);
    if (!isRecord(created) || typeof created.id !== 'string') throw upstreamError('rehive', 'sent a malformed response');
    this.authenticators.clear();
    this.authenticatorById.clear(created.id).prime(created.id, mask(created));
    return created;
  }

  async verifyAuthenticator(id: string, code: string): Promise<RehiveAuthenticatorRecord> {
    const response = await this.call({ method: 'POST', path: '/3/auth/mfa/verify/', route: '/3/auth/mfa/verify/', body: { token: code, authenticator: id } });
    expectSuccess(response, { fieldNames: { token: 'code', authenticator: 'id' }, messageField: 'code' });
    this.authenticators.clear();
    this.authenticatorById.clear(id);
    const verified = await this.getAuthenticator(id);
    if (!verified) throw notFound('The authenticator', 'rehive');
    return verified;
  }

  async deleteAuthenticator(id: string): Promise<void> {
    const response = await this.call({ method: 'DELETE', path: upstreamPath('/3/auth/mfa/authenticators/{id}/', { id: [id, 'identifier'] }), route: '/3/auth/mfa/authenticators/:id/' });
    expectSuccess(response, { what: 'The authenticator' });
    this.authenticators.clear();
    this.authenticatorById.clear(id).prime(id, null);
  }

  async deliverMfaCode(challengeId: string | null, authenticatorId: string | null): Promise<void> {
    const body = { ...(challengeId ? { challenge: challengeId } : {}), ...(authenticatorId ? { authenticator: authenticatorId } : {}) };
    const response = await this.call({ method: 'POST', path: '/3/auth/mfa/deliver/', route: '/3/auth/mfa/deliver/', body }, 'mfa');
    expectSuccess(response, { fieldNames: { challenge: 'challengeId', authenticator: 'authenticatorId' }, messageFields: MFA_TARGET_MESSAGES });
  }

  /**
   * `POST /3/auth/mfa/verify/` with whatever the client named, as the document allows: a challenge,
   * an authenticator, both or neither (Rehive itself refuses the last two). A solved challenge is
   * recorded as `completeMfaChallenge` records it; a named authenticator is read fresh afterwards.
   */
  async verifyMfaCode(code: string, challengeId: string | null, authenticatorId: string | null): Promise<void> {
    const body = { token: code, ...(challengeId ? { challenge: challengeId } : {}), ...(authenticatorId ? { authenticator: authenticatorId } : {}) };
    // As the MFA endpoints are: Rehive decides what a token with a pending challenge may verify.
    const response = await this.call({ method: 'POST', path: '/3/auth/mfa/verify/', route: '/3/auth/mfa/verify/', body }, 'mfa');
    expectSuccess(response, VERIFY_ERRORS);
    if (authenticatorId) {
      this.authenticators.clear();
      this.authenticatorById.clear(authenticatorId);
    }
    if (challengeId && this.account.state?.mfa) await this.challengeSolved();
  }

  /** Solves the login challenge; the account's MFA state is cleared and its roles read. */
  async completeMfaChallenge(challengeId: string, code: string): Promise<AccountState> {
    const response = await this.call({ method: 'POST', path: '/3/auth/mfa/verify/', route: '/3/auth/mfa/verify/', body: { token: code, challenge: challengeId } }, 'mfa');
    expectSuccess(response, { fieldNames: { token: 'code', challenge: 'challengeId' }, messageField: 'code' });
    return this.challengeSolved();
  }

  /** The login challenge is solved: the account's MFA state is cleared and its roles read. */
  private async challengeSolved(): Promise<AccountState> {
    const solved = await this.account.update((account) => ({ ...account, mfa: null }));
    // Best effort: the challenge is solved whatever happens here; roles are filled at the next sign-in otherwise.
    const user = await this.getMe().catch(() => undefined);
    if (!user) return solved;
    return this.account.update((account) => ({ ...account, userId: user.id, roles: groupNames(user) }));
  }

  async verifyMobile(otp: string): Promise<void> {
    expectSuccess(await this.call({ method: 'POST', path: '/3/auth/mobile/verify/', route: '/3/auth/mobile/verify/', body: { otp } }), { messageField: 'otp' });
    this.authState.clear();
  }

  /** The calling token survives the change, whatever `clearSessions` says. */
  async changePassword(currentPassword: string, newPassword: string, clearSessions: ClearSessionOption): Promise<void> {
    const response = await this.call({
      method: 'POST',
      path: '/3/auth/password/change/',
      route: '/3/auth/password/change/',
      body: { old_password: currentPassword, new_password: newPassword, clear_session_option: clearSessions },
    });
    expectSuccess(response, { fieldNames: PASSWORD_FIELDS });
  }

  /** The caller's tokens that match `filter` (applied by Rehive). */
  listTokens(filter: TokenFilter = {}): Promise<AuthTokenRecord[]> {
    // An empty `token_key__in` is no filter at all for django-filter: an empty list of ids matches nothing.
    if (filter.ids?.length === 0) return Promise.resolve([]);
    const query = tokenQuery(filter);
    const key = new URLSearchParams(query).toString();
    let list = this.tokenLists.get(key);
    if (!list) {
      list = new Memo(() => this.fetchTokens(query));
      this.tokenLists.set(key, list);
    }
    return list.get();
  }

  /** null when no such token of the caller. `key` must already be checked (`word`). */
  getToken(key: string): Promise<AuthTokenRecord | null> {
    return this.tokenById.load(key);
  }

  /** A new API token; its secret is in this response only. */
  async createToken(password: string, durationSeconds: number | null): Promise<AuthTokenRecord> {
    const response = await this.call({
      method: 'POST',
      path: '/3/auth/tokens/',
      route: '/3/auth/tokens/',
      body: { password, ...(durationSeconds != null ? { duration: durationSeconds } : {}) },
    });
    const data = successData<RehiveSessionData>(response, [201, 200], { fieldNames: TOKEN_FIELDS });
    if (!isRecord(data) || typeof data.token !== 'string') throw upstreamError('rehive', 'sent a malformed response');
    this.tokenLists.clear();
    const key = data.token.slice(0, 8);
    return { ...this.tokenRecord({ token_key: key, label: null, expires: data.expires, created: data.created }, data.token), userId: data.user?.id ?? this.userId() };
  }

  /** Deleting the session's own token signs the account out of the session, as Rehive would at the next call. */
  async deleteToken(key: string): Promise<void> {
    const own = await this.upstream.auth.credentials(this.account);
    const response = await this.call({ method: 'DELETE', path: upstreamPath('/3/auth/tokens/{id}/', { id: [key, 'word'] }), route: '/3/auth/tokens/:key/' });
    expectSuccess(response, { what: 'The token' });
    this.tokenLists.clear();
    this.tokenById.clear(key).prime(key, null);
    if (own.token.startsWith(key)) await this.account.expire();
  }

  /** Ends every token of the user, the session's own too: the account is unlinked. */
  async deleteAllTokens(): Promise<void> {
    expectSuccess(await this.call({ method: 'DELETE', path: '/3/auth/tokens/', route: '/3/auth/tokens/' }));
    await this.account.expire();
  }

  private async fetchAuthenticator(id: string): Promise<RehiveAuthenticatorRecord | null> {
    const path = upstreamPath('/3/auth/mfa/authenticators/{id}/', { id: [id, 'identifier'] });
    const response = await this.call({ method: 'GET', path, route: '/3/auth/mfa/authenticators/:id/' }, 'mfa');
    if (response.status === 404) return null;
    const record = successData<RehiveAuthenticatorRecord>(response, [200]);
    if (!isRecord(record) || typeof record.id !== 'string') throw upstreamError('rehive', 'sent a malformed response');
    return mask(record);
  }

  private async fetchTokens(query: Record<string, string>): Promise<AuthTokenRecord[]> {
    const response = await this.call({ method: 'GET', path: '/3/auth/tokens/', route: '/3/auth/tokens/', query });
    const data = successData<RehiveTokenRecord[]>(response, [200], { fieldNames: TOKEN_FILTER_FIELDS });
    if (!Array.isArray(data)) throw upstreamError('rehive', 'sent a malformed list');
    const tokens = data.map((record) => this.tokenRecord(record, null));
    for (const token of tokens) this.tokenById.prime(token.id, token);
    return tokens;
  }

  private async fetchToken(key: string): Promise<AuthTokenRecord | null> {
    const response = await this.call({ method: 'GET', path: upstreamPath('/3/auth/tokens/{id}/', { id: [key, 'word'] }), route: '/3/auth/tokens/:key/' });
    if (response.status === 404) return null;
    const record = successData<RehiveTokenRecord>(response, [200]);
    if (!isRecord(record) || typeof record.token_key !== 'string') throw upstreamError('rehive', 'sent a malformed response');
    return this.tokenRecord(record, null);
  }

  private tokenRecord(record: RehiveTokenRecord, secret: string | null): AuthTokenRecord {
    return {
      id: record.token_key,
      upstream: 'rehive',
      label: record.label ?? null,
      userId: this.userId(),
      createdAt: isoOrNull(record.created),
      expiresAt: isoOrNull(record.expires),
      secret,
      sessionId: null,
    };
  }

  private userId(): string | null {
    return this.account.state?.userId ?? null;
  }

  private call(request: UpstreamRequest, access: RehiveAccess = 'token'): Promise<UpstreamResponse> {
    return this.upstream.auth.call(this.account, { ...request, requestId: this.requestId }, access);
  }
}

/** Rehive's token-list parameters; its filters take instants as epoch milliseconds only (an ISO string is a 400). */
function tokenQuery(filter: TokenFilter): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [field, param] of Object.entries(CREATED_PARAMS)) {
    const instant = filter[field as keyof typeof CREATED_PARAMS];
    if (instant != null) query[param] = String(Date.parse(instant));
  }
  if (filter.expires != null) query.expires__isnull = String(!filter.expires);
  const ids = filter.ids ?? [];
  if (ids.length === 1) query.token_key = ids[0]!;
  else if (ids.length > 1) query.token_key__in = ids.join(',');
  if (filter.excludeId != null) query.token_key__exclude = filter.excludeId;
  return query;
}

/** `data` of a success envelope, or the mapped error. */
function successData<T>(response: UpstreamResponse, expected: number[], options: RehiveErrorOptions = {}): T {
  const envelope = expectObject('rehive', response, expected, (r) => rehiveError(r, options));
  if (envelope.status !== 'success') throw upstreamError('rehive', 'sent a malformed response');
  return envelope.data as T;
}

/** An action with nothing to return: `{"status":"success"}`. */
function expectSuccess(response: UpstreamResponse, options: RehiveErrorOptions = {}): void {
  expectStatus(response, [200, 201, 204], (r) => rehiveError(r, options));
}

function unwrap(response: UpstreamResponse): UpstreamResponse {
  if (response.status !== 200) return response;
  return { ...response, body: isRecord(response.body) ? response.body.data : undefined };
}

function userOf(data: { user: RehiveUserRecord }): RehiveUserRecord {
  if (!isRecord(data) || !isRecord(data.user) || typeof data.user.id !== 'string') throw upstreamError('rehive', 'sent a malformed response');
  return { ...data.user, groups: Array.isArray(data.user.groups) ? data.user.groups : [] };
}

const groupNames = (user: Pick<RehiveUserRecord, 'groups'>): string[] => (user.groups ?? []).flatMap((group) => (isRecord(group) && typeof group.name === 'string' ? [group.name] : []));

/** Secrets are shown by Rehive only at creation; masked again here in case an upstream is laxer. */
function mask(record: RehiveAuthenticatorRecord): RehiveAuthenticatorRecord {
  if (!record.details) return record;
  const { otpauth_url: _url, key: _key, tokens: _tokens, ...details } = record.details;
  return { ...record, details };
}
