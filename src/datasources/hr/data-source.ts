import DataLoader from 'dataloader';
import { expectObject, expectStatus, type ErrorTable } from '../core/call.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import { Memo } from '../core/memo.js';
import { readAllPages } from '../core/pagination.js';
import { upstreamPath } from '../core/path.js';
import type { AccountDataSource, AccountSlot, NewAccount, SignInRequest } from '../core/upstream.js';
import { drfError, isNotFound } from '../drf/errors.js';
import { refreshExpiry, type JwtCredentials, type SimpleJwtAuth } from '../drf/simplejwt.js';
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

const errors = (fieldNames: Record<string, string> = {}, what?: string): ErrorTable => (response) => drfError('hr', response, fieldNames, what);

/** What every request's hr data source shares: the HTTP client and the credential lifecycle. */
export interface HrShared {
  readonly client: UpstreamClient;
  readonly auth: SimpleJwtAuth;
}

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

/**
 * The hr upstream for one request and the caller's hr account. The profile and the leave-request
 * list are read once per request whichever fields ask (`viewer.hr`, `LeaveRequest.owner`,
 * `HrUser.leaveRequests`, the root fields).
 */
export class HrDataSource implements AccountDataSource {
  private readonly me = new Memo(() => this.getJson<HrUserRecord>({ method: 'GET', path: '/api/auth/me/', route: '/api/auth/me/' }, [200], errors({}, 'The HR profile')));

  private readonly list = new Memo(async () => {
    const records = await readAllPages<HrLeaveRequestRecord>(this.upstream.client, '/api/leave-requests/', (request) => this.call(request), errors());
    for (const record of records) this.byId.prime(String(record.id), record);
    return records;
  });

  private readonly byId = new DataLoader<string, HrLeaveRequestRecord | null>((ids) => Promise.all(ids.map((id) => this.fetchLeaveRequest(id))), { batch: false });

  constructor(
    private readonly upstream: HrShared,
    readonly account: AccountSlot<JwtCredentials>,
    private readonly requestId?: string,
  ) {}

  /** The login e-mail is passed through unchanged: stock Django matches it exactly as stored. */
  async signIn({ login, password }: SignInRequest): Promise<NewAccount<JwtCredentials>> {
    const { access, refresh, userId } = await this.upstream.auth.obtain(login, password, this.requestId);
    return { upstream: 'hr', login, userId, roles: [], mfa: null, expiresAt: refreshExpiry({ access, refresh }), credentials: { access, refresh } };
  }

  getMe(): Promise<HrUserRecord> {
    return this.me.get();
  }

  /**
   * `PUT /api/auth/me/` is a full update whose body is the profile object, id and login e-mail
   * included, as the document shows it. The gateway sends the current e-mail unchanged: it is the
   * directory identity that `User.employee` trusts, so it is not editable through Gatehouse.
   */
  async updateMe(change: ProfileChange): Promise<HrUserRecord> {
    const { id, email } = await this.getMe();
    const me = await this.getJson<HrUserRecord>({ method: 'PUT', path: '/api/auth/me/', route: '/api/auth/me/', body: { id, email, ...change } }, [200], errors(PROFILE_FIELDS, 'The HR profile'));
    this.me.set(me);
    return me;
  }

  /** Every leave request of the caller, newest start first, across upstream pages. */
  listLeaveRequests(): Promise<HrLeaveRequestRecord[]> {
    return this.list.get();
  }

  /** null when it does not exist or belongs to someone else. */
  getLeaveRequest(id: string): Promise<HrLeaveRequestRecord | null> {
    return this.byId.load(id);
  }

  async createLeaveRequest(change: LeaveRequestChange): Promise<HrLeaveRequestRecord> {
    const created = await this.getJson<HrLeaveRequestRecord>({ method: 'POST', path: '/api/leave-requests/', route: '/api/leave-requests/', body: change }, [201], errors(LEAVE_FIELDS, 'The leave request'));
    this.list.clear();
    this.byId.prime(String(created.id), created);
    return created;
  }

  async updateLeaveRequest(id: string, change: LeaveRequestChange): Promise<HrLeaveRequestRecord> {
    const updated = await this.getJson<HrLeaveRequestRecord>(
      { method: 'PUT', path: leaveRequestPath(id), route: '/api/leave-requests/:id', body: change },
      [200],
      errors(LEAVE_FIELDS, 'The leave request'),
    );
    this.list.clear();
    this.byId.clear(id).prime(id, updated);
    return updated;
  }

  async deleteLeaveRequest(id: string): Promise<void> {
    expectStatus(await this.call({ method: 'DELETE', path: leaveRequestPath(id), route: '/api/leave-requests/:id' }), [204], errors({}, 'The leave request'));
    this.list.clear();
    this.byId.clear(id).prime(id, null);
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const response = await this.call({
      method: 'POST',
      path: '/api/auth/change-password/',
      route: '/api/auth/change-password/',
      body: { current_password: currentPassword, new_password: newPassword, confirm_new_password: newPassword },
    });
    expectStatus(response, [204, 200], errors(PASSWORD_FIELDS));
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
    expectStatus(await this.upstream.client.request({ ...request, requestId: this.requestId }), [204, 200], errors(PASSWORD_FIELDS));
  }

  private async fetchLeaveRequest(id: string): Promise<HrLeaveRequestRecord | null> {
    const response = await this.call({ method: 'GET', path: leaveRequestPath(id), route: '/api/leave-requests/:id' });
    if (isNotFound(response)) return null;
    return expectObject('hr', response, [200], errors({}, 'The leave request')) as unknown as HrLeaveRequestRecord;
  }

  private call(request: UpstreamRequest): Promise<UpstreamResponse> {
    return this.upstream.auth.call(this.account, { ...request, requestId: this.requestId });
  }

  private async getJson<T>(request: UpstreamRequest, expected: number[], toError: ErrorTable): Promise<T> {
    return expectObject('hr', await this.call(request), expected, toError) as T;
  }
}

const leaveRequestPath = (id: string): string => upstreamPath('/api/leave-requests/{id}', { id: [id, 'positiveInt'] });
