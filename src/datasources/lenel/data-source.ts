import DataLoader from 'dataloader';
import { notFound, unauthenticated, upstreamError, upstreamUnavailable } from '../../errors.js';
import { expectObject } from '../core/call.js';
import type { AccountDataSource, AccountSlot, NewAccount, SignInRequest } from '../core/upstream.js';
import { drfError } from '../drf/errors.js';
import { refreshExpiry, type JwtCredentials } from '../drf/simplejwt.js';
import type { EmailIdentity, LenelReader, LenelUpstream } from './upstream.js';
import { normalizeEmail, type BadgeIndex, type EmployeeIndex } from './indexes.js';
import type { LenelBadgeRecord, LenelEmployeeRecord } from './records.js';

/** The two statuses `update-badges` accepts. */
export const LENEL_STATUS_CODES = { ACTIVE: 1, INACTIVE: 4 } as const;

const UPDATE_FIELDS = { badge_id: 'badgeId', status: 'status' };
const UPDATE_PATH = '/api/update-badges/';

/**
 * The lenel upstream for one request. Reads go through the caller's own account when one is
 * linked, otherwise (only for the `User.employee` link) through the service account. Per-request
 * DataLoaders are all served by one (cached) read of each list.
 */
export class LenelDataSource implements AccountDataSource {
  private readonly reader: LenelReader | undefined;
  private badgeIndex: Promise<BadgeIndex> | undefined;
  private employeeIndex: Promise<EmployeeIndex> | undefined;
  /** The cardholder index once it has arrived, for synchronous lookups. */
  private employeeIndexLoaded: EmployeeIndex | undefined;

  private readonly badgeById = new DataLoader<number, LenelBadgeRecord | null>(async (ids) => {
    const index = await this.badges();
    return ids.map((id) => index.get(id) ?? null);
  });

  private readonly badgesByEmployeeId = new DataLoader<number, LenelBadgeRecord[]>(async (ids) => {
    const index = await this.badges();
    return ids.map((id) => index.ofEmployee(id));
  });

  private readonly employeeById = new DataLoader<number, LenelEmployeeRecord | null>(async (ids) => {
    const index = await this.employees();
    return ids.map((id) => index.get(id) ?? null);
  });

  private readonly employeeByEmail = new DataLoader<string, LenelEmployeeRecord | null>(async (emails) => {
    const index = await this.employees();
    // Several cardholders with one e-mail: the first in the backend's order (the lowest id).
    return emails.map((email) => index.withEmail(email) ?? null);
  });

  private readonly own: LenelReader | undefined;

  constructor(
    private readonly upstream: LenelUpstream,
    readonly account: AccountSlot<JwtCredentials>,
    private readonly requestId?: string,
  ) {
    this.own = upstream.accountReader(account, requestId);
    this.reader = this.own ?? upstream.serviceReader(requestId);
  }

  async signIn({ login, password }: SignInRequest): Promise<NewAccount<JwtCredentials>> {
    const { access, refresh, userId } = await this.upstream.auth.obtain(login, password, this.requestId);
    return { upstream: 'lenel', login, userId, roles: [], mfa: null, expiresAt: refreshExpiry({ access, refresh }), credentials: { access, refresh } };
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
    return this.employeeIndexLoaded && (this.employeeIndexLoaded.get(id) ?? null);
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
    // Any 404 here means the badge: the update endpoint answers Django's page for an unknown badge id.
    if (response.status === 404) throw notFound('The badge', 'lenel');
    const updated = expectObject('lenel', response, [200], (r) => drfError('lenel', r, UPDATE_FIELDS, 'The badge'));
    if (!Number.isInteger(updated.id) || !Number.isInteger(updated.status)) throw upstreamError('lenel', 'sent a malformed badge');
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
