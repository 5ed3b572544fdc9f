import { Outbox, type OutboxMessage } from '../common/outbox.js';
import { DJANGO_404_HTML, EmulatorServer, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import { DRF, SimpleJwt } from '../common/simplejwt.js';
import { DEMO_PASSWORD, LENEL_DEMO_USERS } from '../demo-logins.js';
import { JsonCollection } from './collection.js';
import { demoBadges, demoEmployees } from './demo-data.js';
import { generateBadges, generateEmployees } from './large-site.js';
import {
  defaultBadgeNumber,
  defaultEmployeeNumber,
  DEMO_STATUSES,
  drfDate,
  STATUS_ACTIVE,
  STATUS_INACTIVE,
  type Badge,
  type Employee,
  type LenelRole,
  type LenelUser,
} from './model.js';
import { drfChoice, drfInteger, serializerBody } from './validation.js';

export type { Badge, Employee, LenelRole, LenelUser } from './model.js';
export { LENEL_DEMO_IDS } from './demo-data.js';

export interface LenelEmulatorOptions {
  /** Seed the demo site (users, 36 cardholders, 60 badges). Default true. */
  demo?: boolean;
  /** simplejwt ACCESS_TOKEN_LIFETIME in seconds (default 300). */
  accessLifetimeSeconds?: number;
  /** simplejwt REFRESH_TOKEN_LIFETIME in seconds (default 86400). */
  refreshLifetimeSeconds?: number;
  /** ROTATE_REFRESH_TOKENS + BLACKLIST_AFTER_ROTATION (default false). */
  rotateRefreshTokens?: boolean;
  /** Emit `user_id` as a string, like simplejwt >= 5.5.1 (default false). */
  userIdAsString?: boolean;
  /** HS256 signing key (default random). */
  secret?: string;
  /** DRF PageNumberPagination page size; undefined = pagination off (bare arrays). */
  pageSize?: number;
  /** Clock in epoch milliseconds, for token expiry and the dates the server sets. */
  now?: () => number;
  /** OnGuard's per-cardholder limit of active badges (default 2). */
  maxActiveBadgesPerEmployee?: number;
  /** Printed by demo mode; lenel sends no messages, the outbox exists for a uniform emulator interface. */
  onOutbox?: (message: OutboxMessage) => void;
}

/** A badge as the API returns it. */
export interface BadgeJson extends Badge {
  status_name: string;
}

export interface LargeSiteOptions {
  badges: number;
  employees: number;
  /** Drop the existing badges and cardholders first (default false: append after the demo site). */
  replace?: boolean;
}

export interface LargeSiteResult {
  firstEmployeeId: number;
  lastEmployeeId: number;
  firstBadgeId: number;
  lastBadgeId: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type ApiHandler = (req: EmulatorRequest, user: LenelUser) => EmulatorResponse;

const PATHS = {
  token: /^\/auth\/token\/$/,
  refresh: /^\/auth\/token\/refresh\/$/,
  badges: /^\/api\/badges\/$/,
  employees: /^\/api\/employees\/$/,
  updateBadges: /^\/api\/update-badges\/$/,
};

/**
 * The lenel upstream: Lenel OnGuard badges and cardholders behind Django REST Framework + simplejwt.
 * Contract: docs/upstreams.md (lenel).
 */
export class LenelEmulator {
  readonly server = new EmulatorServer('lenel');
  readonly jwt: SimpleJwt;
  /** Always empty: the badge system sends no e-mail or SMS. */
  readonly outbox: Outbox;
  /** DRF page size; undefined serves bare arrays. May be changed while running. */
  pageSize: number | undefined;
  maxActiveBadgesPerEmployee: number;

  private readonly now: () => number;
  private readonly users = new Map<number, LenelUser>();
  private readonly statuses = new Map<number, string>();
  private readonly employeeRecords = new JsonCollection<Employee>(employeeJson);
  private readonly badgeRecords = new JsonCollection<Badge>((b) => this.badgeJson(b));
  /** Badge ids per cardholder, for the active-badge limit on a 100,000-badge site. */
  private readonly badgesByEmployee = new Map<number, number[]>();

  constructor(options: LenelEmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.outbox = new Outbox(options.onOutbox);
    this.jwt = new SimpleJwt({
      secret: options.secret,
      accessLifetimeSeconds: options.accessLifetimeSeconds,
      refreshLifetimeSeconds: options.refreshLifetimeSeconds,
      rotateRefreshTokens: options.rotateRefreshTokens,
      userIdAsString: options.userIdAsString,
      now: this.now,
    });
    this.pageSize = options.pageSize;
    this.maxActiveBadgesPerEmployee = options.maxActiveBadgesPerEmployee ?? 2;
    for (const [code, name] of DEMO_STATUSES) this.statuses.set(code, name);
    if (options.demo ?? true) this.seedDemo();
    this.routes();
  }

  get url(): string {
    return this.server.url;
  }

  listen(port?: number): Promise<string> {
    return this.server.listen(port);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  // --- state for tests -------------------------------------------------------------------------

  /** Adds a backend user; returns its id (the JWT `user_id`). */
  addUser(user: { username: string; password: string; role?: LenelRole; active?: boolean }): number {
    if (this.findUser(user.username)) throw new Error(`lenel user ${user.username} already exists`);
    const id = Math.max(0, ...this.users.keys()) + 1;
    this.users.set(id, { id, username: user.username, password: user.password, role: user.role ?? 'viewer', active: user.active ?? true });
    return id;
  }

  /** Deactivates (or reactivates) a user: obtain answers 401, their tokens get `user_inactive`. */
  setUserActive(username: string, active: boolean): void {
    this.requireUser(username).active = active;
  }

  setUserRole(username: string, role: LenelRole): void {
    this.requireUser(username).role = role;
  }

  /** Deletes a user: their tokens get `user_not_found`. */
  removeUser(username: string): void {
    this.users.delete(this.requireUser(username).id);
  }

  /** Adds a site-specific badge status (or renames one). */
  addStatus(code: number, name: string): void {
    this.statuses.set(code, name);
    this.badgeRecords.reserializeAll();
  }

  /** Adds a cardholder; unspecified fields get neutral defaults (no e-mail). Returns the id. */
  addEmployee(partial: Partial<Employee> = {}): number {
    const id = partial.id ?? this.employeeRecords.lastId + 1;
    this.employeeRecords.add({
      id,
      first_name: 'Test',
      middle_name: '',
      last_name: `Cardholder ${id}`,
      employee_number: defaultEmployeeNumber(id),
      email: null,
      department: '',
      title: '',
      phone: '',
      last_changed: drfDate(this.now()),
      ...partial,
    });
    return id;
  }

  /** Adds a badge (default: active, permanent, unassigned). The active-badge limit is not checked. Returns the id. */
  addBadge(partial: Partial<Badge> = {}): number {
    const id = partial.id ?? this.badgeRecords.lastId + 1;
    const status = partial.status ?? STATUS_ACTIVE;
    this.requireStatus(status);
    const now = drfDate(this.now());
    this.insertBadge({
      id,
      badge_number: defaultBadgeNumber(id),
      employee_id: null,
      status,
      type: 'Permanent',
      activation_date: status === STATUS_ACTIVE ? now : null,
      deactivation_date: null,
      last_changed: now,
      ...partial,
    });
    return id;
  }

  /**
   * Sets any status directly, as an OnGuard operator would (no limit check). Dates follow the API:
   * active sets `activation_date` and clears `deactivation_date`, anything else sets `deactivation_date`.
   * An unknown code needs a name (it is added to the site's status list).
   */
  setBadgeStatus(id: number, code: number, name?: string): BadgeJson {
    if (name !== undefined) this.addStatus(code, name);
    this.requireStatus(code);
    if (!this.badgeRecords.has(id)) throw new Error(`lenel badge ${id} not found`);
    this.changeStatus(id, code);
    return this.badge(id)!;
  }

  badge(id: number): BadgeJson | undefined {
    const badge = this.badgeRecords.get(id);
    return badge && this.badgeJson(badge);
  }

  employee(id: number): Employee | undefined {
    const employee = this.employeeRecords.get(id);
    return employee && employeeJson(employee);
  }

  get badgeCount(): number {
    return this.badgeRecords.size;
  }

  get employeeCount(): number {
    return this.employeeRecords.size;
  }

  activeBadgeCount(employeeId: number): number {
    return (this.badgesByEmployee.get(employeeId) ?? []).filter((id) => this.badgeRecords.get(id)!.status === STATUS_ACTIVE).length;
  }

  /**
   * Adds a deterministic bulk site (load tests): cardholders, then badges spread over them, about one
   * in ten unassigned, never above the active-badge limit. Appends after the existing records unless `replace`.
   */
  generateLargeSite(options: LargeSiteOptions): LargeSiteResult {
    if (options.replace) {
      this.employeeRecords.clear();
      this.badgeRecords.clear();
      this.badgesByEmployee.clear();
    }
    const spec = {
      badges: options.badges,
      employees: options.employees,
      maxActive: this.maxActiveBadgesPerEmployee,
      firstEmployeeId: this.employeeRecords.lastId + 1,
      firstBadgeId: this.badgeRecords.lastId + 1,
    };
    for (const employee of generateEmployees(spec)) this.employeeRecords.add(employee);
    for (const badge of generateBadges(spec)) this.insertBadge(badge);
    return {
      firstEmployeeId: spec.firstEmployeeId,
      lastEmployeeId: spec.firstEmployeeId + spec.employees - 1,
      firstBadgeId: spec.firstBadgeId,
      lastBadgeId: spec.firstBadgeId + spec.badges - 1,
    };
  }

  // --- HTTP ------------------------------------------------------------------------------------

  private routes(): void {
    this.server.route('POST', PATHS.token, (req) => this.jwt.obtain(req, 'username', (login, password) => this.login(login, password)));
    this.server.route('POST', PATHS.refresh, (req) => this.jwt.refresh(req));
    this.api(PATHS.badges, { GET: (req) => this.list(req, this.badgeRecords) });
    this.api(PATHS.employees, { GET: (req) => this.list(req, this.employeeRecords) });
    this.api(PATHS.updateBadges, { POST: (req) => this.updateBadge(req) }, 'operator');
    this.server.onNotFound((req) => this.appendSlash(req));
  }

  /**
   * A DRF view: authentication and permissions run before the method is dispatched, so an
   * unauthenticated PUT gets 401, not 405.
   */
  private api(pattern: RegExp, handlers: Partial<Record<Method, ApiHandler>>, role?: LenelRole): void {
    for (const method of METHODS) {
      this.server.route(method, pattern, (req) => {
        const auth = this.jwt.authenticate(req, (id) => this.users.get(id));
        if (!auth.ok) return auth.response;
        const user = this.users.get(auth.userId)!;
        if (role && user.role !== role) return DRF.forbidden();
        const handler = handlers[method];
        if (!handler) return { status: 405, body: { detail: `Method "${method}" not allowed.` } };
        return handler(req, user);
      });
    }
  }

  /** Django's APPEND_SLASH: a known path without its trailing slash is a 301 with an empty body. */
  private appendSlash(req: EmulatorRequest): EmulatorResponse {
    const withSlash = `${req.path}/`;
    if (!req.path.endsWith('/') && Object.values(PATHS).some((p) => p.test(withSlash))) {
      const query = req.query.toString();
      return { status: 301, headers: { 'content-type': 'text/html; charset=utf-8', location: query ? `${withSlash}?${query}` : withSlash }, body: '' };
    }
    return { status: 404, headers: { 'content-type': 'text/html' }, body: DJANGO_404_HTML };
  }

  /** A list served from cached JSON: a bare array, or DRF's page envelope when pagination is on. */
  private list<T extends { id: number }>(req: EmulatorRequest, records: JsonCollection<T>): EmulatorResponse {
    const pageSize = this.pageSize;
    if (!pageSize) return { status: 200, headers: JSON_HEADERS, body: records.listAsJson() };
    const pages = Math.max(1, Math.ceil(records.size / pageSize));
    const page = pageNumber(req.query.get('page'), pages);
    if (page === undefined) return DRF.invalidPage();
    const next = JSON.stringify(pageLink(req, page + 1, pages));
    const previous = JSON.stringify(pageLink(req, page - 1, pages));
    const body = `{"count":${records.size},"next":${next},"previous":${previous},"results":${records.pageAsJson(page, pageSize)}}`;
    return { status: 200, headers: JSON_HEADERS, body };
  }

  /** `POST /api/update-badges/`: field errors first, then 404, then the idempotent no-op, then OnGuard's limit. */
  private updateBadge(req: EmulatorRequest): EmulatorResponse {
    const parsed = serializerBody(req);
    if (!parsed.ok) return parsed.response;
    const badgeId = drfInteger(parsed.body.badge_id);
    const status = drfChoice(parsed.body.status, [STATUS_ACTIVE, STATUS_INACTIVE]);
    const errors: Record<string, string[]> = {};
    if (!badgeId.ok) errors.badge_id = badgeId.errors;
    if (!status.ok) errors.status = status.errors;
    if (!badgeId.ok || !status.ok) return DRF.validation(errors);
    // Beyond 64 bits the database lookup itself fails: Django answers with its 500 page.
    if (typeof badgeId.value === 'bigint') return { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Server Error (500)</h1>' };

    const badge = this.badgeRecords.get(badgeId.value);
    if (!badge) return DRF.notFound();
    if (badge.status !== status.value) {
      const employeeId = badge.employee_id;
      if (status.value === STATUS_ACTIVE && employeeId !== null && this.activeBadgeCount(employeeId) >= this.maxActiveBadgesPerEmployee) {
        return DRF.validation({ non_field_errors: [`Employee ${employeeId} already has the maximum number of active badges.`] });
      }
      this.changeStatus(badge.id, status.value);
    }
    return { status: 200, body: this.badgeJson(badge) };
  }

  // --- internals -------------------------------------------------------------------------------

  private seedDemo(): void {
    for (const user of LENEL_DEMO_USERS) this.addUser({ username: user.username, password: DEMO_PASSWORD, role: user.role });
    for (const employee of demoEmployees()) this.employeeRecords.add(employee);
    for (const badge of demoBadges()) this.insertBadge(badge);
  }

  private login(username: string, password: string): LenelUser | undefined {
    const user = this.findUser(username);
    return user && user.password === password ? user : undefined;
  }

  private findUser(username: string): LenelUser | undefined {
    return [...this.users.values()].find((u) => u.username === username);
  }

  private requireUser(username: string): LenelUser {
    const user = this.findUser(username);
    if (!user) throw new Error(`lenel user ${username} not found`);
    return user;
  }

  private requireStatus(code: number): void {
    if (!this.statuses.has(code)) throw new Error(`lenel status ${code} is not in the site's status list: addStatus(${code}, name) first`);
  }

  private insertBadge(badge: Badge): void {
    this.badgeRecords.add(badge);
    if (badge.employee_id === null) return;
    const ids = this.badgesByEmployee.get(badge.employee_id);
    if (ids) ids.push(badge.id);
    else this.badgesByEmployee.set(badge.employee_id, [badge.id]);
  }

  /** OnGuard keeps `deactivation_date` empty while a badge is active. */
  private changeStatus(id: number, status: number): void {
    const now = drfDate(this.now());
    this.badgeRecords.update(id, (badge) => {
      badge.status = status;
      if (status === STATUS_ACTIVE) {
        badge.activation_date = now;
        badge.deactivation_date = null;
      } else {
        badge.deactivation_date = now;
      }
      badge.last_changed = now;
    });
  }

  private badgeJson(badge: Badge): BadgeJson {
    return {
      id: badge.id,
      badge_number: badge.badge_number,
      employee_id: badge.employee_id,
      status: badge.status,
      status_name: this.statuses.get(badge.status) ?? '',
      type: badge.type,
      activation_date: badge.activation_date,
      deactivation_date: badge.deactivation_date,
      last_changed: badge.last_changed,
    };
  }
}

export function createLenelEmulator(options?: LenelEmulatorOptions): LenelEmulator {
  return new LenelEmulator(options);
}

function employeeJson(e: Employee): Employee {
  return {
    id: e.id,
    first_name: e.first_name,
    middle_name: e.middle_name,
    last_name: e.last_name,
    employee_number: e.employee_number,
    email: e.email,
    department: e.department,
    title: e.title,
    phone: e.phone,
    last_changed: e.last_changed,
  };
}

/** Django's Paginator: "last" or an integer within range, else undefined (404 "Invalid page."). */
function pageNumber(param: string | null, pages: number): number | undefined {
  if (param === null) return 1;
  if (param === 'last') return pages;
  if (!/^\s*\+?\d+\s*$/.test(param)) return undefined;
  const page = Number(param.trim());
  return page >= 1 && page <= pages ? page : undefined;
}

/** DRF's replace_query_param / remove_query_param: absolute URL from Host, query keys sorted. */
function pageLink(req: EmulatorRequest, page: number, pages: number): string | null {
  if (page < 1 || page > pages) return null;
  const entries = [...req.query.entries()].filter(([key]) => key !== 'page');
  if (page > 1) entries.push(['page', String(page)]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(entries).toString();
  return `http://${req.host}${req.path}${query ? `?${query}` : ''}`;
}
