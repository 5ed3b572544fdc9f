import DataLoader from 'dataloader';
import type { AccountUpstream, SignInRequest, SignInResult } from '../../auth/accounts.js';
import type { CredentialSlot } from '../core/credential-slot.js';
import { processLock, type RefreshLock } from '../core/refresh-lock.js';
import { SimpleJwtAuth, type JwtCredentials } from '../drf/simplejwt.js';
import { unauthenticated, upstreamError } from '../../errors.js';
import { drfError, isNotFound } from '../drf/errors.js';
import { isRecord } from '../core/json.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import { readAllPages } from '../core/pagination.js';
import { upstreamPath } from '../core/path.js';
import type { HrLeaveRequestRecord, HrLeaveStatus, HrLeaveType, HrUserRecord } from './records.js';

/** Upstream field → GraphQL input field, for `fieldErrors`. */
const PROFILE_FIELDS = { first_name: 'firstName', last_name: 'lastName', preferred_name: 'preferredName', birth_date: 'birthDate', gender: 'gender' };
const LEAVE_FIELDS = { start: 'start', end: 'end', type: 'type', description: 'description', status: 'status' };
const PASSWORD_FIELDS = {
  email: 'login',
  reset_token: 'token',
  password: 'newPassword',
  confirm_password: 'newPassword',
  current_password: 'currentPassword',
  new_password: 'newPassword',
  confirm_new_password: 'newPassword',
};

export interface ProfileChange {
  first_name: string;
  last_name: string;
  preferred_name: string;
  gender: HrUserRecord['gender'];
  birth_date: string | null;
}

export interface LeaveRequestChange {
  start: string;
  end: string;
  type: HrLeaveType;
  description: string;
  status?: HrLeaveStatus;
}

/** The process-wide part of the hr upstream: its HTTP client and credential lifecycle. */
export class HrUpstream implements AccountUpstream {
  readonly name = 'hr';
  readonly auth: SimpleJwtAuth;

  constructor(
    readonly client: UpstreamClient,
    lock: RefreshLock = processLock,
  ) {
    this.auth = new SimpleJwtAuth(client, { obtain: '/api/auth/token', refresh: '/api/auth/refresh' }, 'email', Date.now, lock);
  }

  /** The login e-mail is passed through unchanged: stock Django matches it exactly as stored. */
  async signIn({ login, password }: SignInRequest): Promise<SignInResult> {
    const { access, refresh, userId } = await this.auth.obtain(login, password);
    return { upstream: 'hr', login, userId, roles: [], credentials: { access, refresh } satisfies JwtCredentials };
  }

  /** `POST /api/auth/forgot-password/`: public; 204 whether or not the e-mail is known. */
  async forgotPassword(email: string): Promise<void> {
    await this.publicCall({ method: 'POST', path: '/api/auth/forgot-password/', route: '/api/auth/forgot-password/', body: { email } });
  }

  /** `POST /api/auth/reset-password/`: the gateway sends the confirmation the backend wants. */
  async resetPassword(token: string, password: string): Promise<void> {
    await this.publicCall({
      method: 'POST',
      path: '/api/auth/reset-password/',
      route: '/api/auth/reset-password/',
      body: { reset_token: token, password, confirm_password: password },
    });
  }

  private async publicCall(request: UpstreamRequest): Promise<void> {
    const response = await this.client.request(request);
    if (response.status !== 204 && response.status !== 200) throw drfError('hr', response, PASSWORD_FIELDS);
  }
}

/**
 * The hr upstream for one request and one signed-in account. Per-request DataLoaders make
 * `viewer.hr`, `LeaveRequest.owner`, `HrUser.leaveRequests` and the root fields share reads.
 */
export class HrDataSource {
  private readonly meLoader = new DataLoader<'me', HrUserRecord>(async (keys) => {
    const me = await this.getJson<HrUserRecord>({ method: 'GET', path: '/api/auth/me/', route: '/api/auth/me/' }, {}, 200, 'The HR profile');
    return keys.map(() => me);
  });

  private readonly listLoader = new DataLoader<'all', HrLeaveRequestRecord[]>(async (keys) => {
    const records = await readAllPages<HrLeaveRequestRecord>(this.upstream.client, '/api/leave-requests/', (request) => this.call(request), (r) => drfError('hr', r));
    for (const record of records) this.byId.prime(String(record.id), record);
    return keys.map(() => records);
  });

  private readonly byId = new DataLoader<string, HrLeaveRequestRecord | null>(
    (ids) => Promise.all(ids.map((id) => this.fetchLeaveRequest(id))),
    { batch: false },
  );

  constructor(
    private readonly upstream: HrUpstream,
    private readonly slot: CredentialSlot<JwtCredentials> | undefined,
  ) {}

  getMe(): Promise<HrUserRecord> {
    return this.meLoader.load('me');
  }

  /**
   * `PUT /api/auth/me/` is a full update whose body includes the login e-mail. The gateway sends the
   * current one unchanged: the e-mail is the directory identity that `User.employee` trusts, so it is
   * not editable through Gatehouse.
   */
  async updateMe(change: ProfileChange): Promise<HrUserRecord> {
    const { email } = await this.getMe();
    const body = { ...change, email };
    const me = await this.getJson<HrUserRecord>({ method: 'PUT', path: '/api/auth/me/', route: '/api/auth/me/', body }, PROFILE_FIELDS, 200, 'The HR profile');
    this.meLoader.clear('me').prime('me', me);
    return me;
  }

  /** Every leave request of the caller, newest start first, across upstream pages. */
  listLeaveRequests(): Promise<HrLeaveRequestRecord[]> {
    return this.listLoader.load('all');
  }

  /** null when it does not exist or belongs to someone else. */
  getLeaveRequest(id: string): Promise<HrLeaveRequestRecord | null> {
    return this.byId.load(id);
  }

  async createLeaveRequest(change: LeaveRequestChange): Promise<HrLeaveRequestRecord> {
    const created = await this.getJson<HrLeaveRequestRecord>({ method: 'POST', path: '/api/leave-requests/', route: '/api/leave-requests/', body: change }, LEAVE_FIELDS, 201);
    this.listLoader.clearAll();
    this.byId.prime(String(created.id), created);
    return created;
  }

  async updateLeaveRequest(id: string, change: LeaveRequestChange): Promise<HrLeaveRequestRecord> {
    const updated = await this.getJson<HrLeaveRequestRecord>(
      { method: 'PUT', path: upstreamPath('/api/leave-requests/{id}', { id: [id, 'positiveInt'] }), route: '/api/leave-requests/:id', body: change },
      LEAVE_FIELDS,
    );
    this.listLoader.clearAll();
    this.byId.clear(id).prime(id, updated);
    return updated;
  }

  async deleteLeaveRequest(id: string): Promise<void> {
    const response = await this.call({ method: 'DELETE', path: upstreamPath('/api/leave-requests/{id}', { id: [id, 'positiveInt'] }), route: '/api/leave-requests/:id' });
    if (response.status !== 204) throw drfError('hr', response, {}, 'The leave request');
    this.listLoader.clearAll();
    this.byId.clear(id).prime(id, null);
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const response = await this.call({
      method: 'POST',
      path: '/api/auth/change-password/',
      route: '/api/auth/change-password/',
      body: { current_password: currentPassword, new_password: newPassword, confirm_new_password: newPassword },
    });
    if (response.status !== 204 && response.status !== 200) throw drfError('hr', response, PASSWORD_FIELDS);
  }

  private async fetchLeaveRequest(id: string): Promise<HrLeaveRequestRecord | null> {
    const response = await this.call({ method: 'GET', path: upstreamPath('/api/leave-requests/{id}', { id: [id, 'positiveInt'] }), route: '/api/leave-requests/:id' });
    if (isNotFound(response)) return null;
    if (response.status !== 200) throw drfError('hr', response, {}, 'The leave request');
    return expectObject<HrLeaveRequestRecord>(response);
  }

  private call(request: UpstreamRequest): Promise<UpstreamResponse> {
    if (!this.slot) return Promise.reject(unauthenticated('hr'));
    return this.upstream.auth.call(this.slot, request);
  }

  private async getJson<T>(request: UpstreamRequest, fieldNames: Record<string, string> = {}, expected = 200, what = 'The leave request'): Promise<T> {
    const response = await this.call(request);
    if (response.status !== expected) {
      throw drfError('hr', response, fieldNames, what);
    }
    return expectObject<T>(response);
  }
}

function expectObject<T>(response: UpstreamResponse): T {
  if (!isRecord(response.body)) throw upstreamError('hr', 'sent a malformed response');
  return response.body as T;
}
