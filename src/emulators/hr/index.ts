import { randomInt } from 'node:crypto';
import { DJANGO_404_HTML, EmulatorServer, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import { Outbox, type OutboxMessage } from '../common/outbox.js';
import { DRF, SimpleJwt, drfBody, paginate } from '../common/simplejwt.js';
import { DEMO_LEAVE_REQUESTS, DEMO_USERS } from './demo-data.js';
import {
  formatDateTime,
  hasErrors,
  parseDateTime,
  readChar,
  readChoice,
  readDate,
  readDateTime,
  readEmail,
  readPassword,
  type FieldErrors,
} from './fields.js';
import { GENDERS, LEAVE_STATUSES, LEAVE_TYPES, type Gender, type LeaveStatus, type LeaveType } from './model.js';

/** The statuses an employee may set through the API; managers set the others in the back office. */
const EMPLOYEE_STATUSES: readonly LeaveStatus[] = ['PENDING', 'CANCELLED'];


export interface HrEmulatorOptions {
  /** Seed the demo users and leave requests (default true). */
  demo?: boolean;
  /** Access token lifetime, default 300 s. */
  accessLifetimeSeconds?: number;
  /** Refresh token lifetime, default 86,400 s. */
  refreshLifetimeSeconds?: number;
  /** ROTATE_REFRESH_TOKENS + BLACKLIST_AFTER_ROTATION (default off). */
  rotateRefreshTokens?: boolean;
  /** `user_id` in tokens as a string (simplejwt >= 5.5.1). */
  userIdAsString?: boolean;
  /** Page size of `GET /api/leave-requests/`; undefined = pagination off (a bare array). */
  pageSize?: number;
  /** Lifetime of password-reset tokens, default 3,600 s. */
  resetTokenLifetimeSeconds?: number;
  /** Clock in epoch milliseconds (token expiry, reset-token expiry, created_at). */
  now?: () => number;
  /** Called for every e-mail the app would send (demo mode prints them). */
  onOutbox?: (message: OutboxMessage) => void;
  /** HS256 signing key; random by default. */
  secret?: string;
}

export interface HrUser {
  id: number;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  gender: Gender;
  /** YYYY-MM-DD or null */
  birthDate: string | null;
  active: boolean;
}

export interface NewHrUser {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
  preferredName?: string;
  gender?: Gender;
  birthDate?: string | null;
  active?: boolean;
  /** Defaults to the next free id. */
  id?: number;
}

interface LeaveRecord {
  id: number;
  userId: number;
  /** Instants in epoch microseconds: DRF keeps microseconds. */
  start: number;
  end: number;
  description: string;
  type: LeaveType;
  status: LeaveStatus;
  createdAt: number;
}

export interface NewLeaveRequest {
  /** ISO 8601 string (offsets and fractions accepted) or a Date. */
  start: string | Date;
  end: string | Date;
  description?: string;
  type?: LeaveType;
  /** Any status, APPROVED/REJECTED included (the back office's job). */
  status?: LeaveStatus;
  createdAt?: string | Date;
}

/** The JSON object of a leave request, as the API returns it. */
export interface LeaveRequestJson {
  id: number;
  start: string;
  end: string;
  description: string;
  type: LeaveType;
  status: LeaveStatus;
  created_at: string;
}

interface ResetToken {
  userId: number;
  expiresAt: number;
  used: boolean;
}

const MAX_BIGINT = 2n ** 63n - 1n;
const DJANGO_500: EmulatorResponse = { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Server Error (500)</h1>' };
const NOT_PROVIDED = 'Authentication credentials were not provided.';
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

type Body = { ok: true; body: Record<string, unknown> } | { ok: false; response: EmulatorResponse };
type Authed = { ok: true; user: HrUser } | { ok: false; response: EmulatorResponse };

/**
 * The hr leave-request app (Django REST Framework + simplejwt, `email` as the login field).
 * Contract: docs/upstreams.md (hr).
 */
export class HrEmulator {
  readonly server = new EmulatorServer('hr');
  readonly outbox: Outbox;
  readonly jwt: SimpleJwt;
  /** Page size of the leave-request list; undefined = bare arrays. Tests may change it at runtime. */
  pageSize: number | undefined;
  /**
   * The host DRF writes into absolute pagination links instead of the Host header it received, as
   * behind a proxy with USE_X_FORWARDED_HOST; tests set it to make the upstream send a foreign `next`.
   */
  linkHost: string | undefined;
  resetTokenLifetimeSeconds: number;
  private readonly users = new Map<number, HrUser>();
  private readonly leaves = new Map<number, LeaveRecord>();
  private readonly resetTokens = new Map<string, ResetToken>();
  private readonly now: () => number;
  private readonly realClock: boolean;
  private nextUserId = 1;
  private nextLeaveId = 1;
  /** Route patterns, for Django's APPEND_SLASH redirect. */
  private readonly patterns: RegExp[] = [];

  constructor(options: HrEmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.realClock = options.now === undefined;
    this.jwt = new SimpleJwt({
      secret: options.secret,
      accessLifetimeSeconds: options.accessLifetimeSeconds,
      refreshLifetimeSeconds: options.refreshLifetimeSeconds,
      rotateRefreshTokens: options.rotateRefreshTokens,
      userIdAsString: options.userIdAsString,
      now: this.now,
    });
    this.outbox = new Outbox(options.onOutbox);
    this.pageSize = options.pageSize;
    this.resetTokenLifetimeSeconds = options.resetTokenLifetimeSeconds ?? 3600;
    if (options.demo ?? true) this.seedDemo();
    this.registerRoutes();
  }

  get url(): string {
    return this.server.url;
  }

  listen(port = 0): Promise<string> {
    return this.server.listen(port);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  // ---- state for tests and demo mode ----

  /** Adds an employee; returns the id. */
  addUser(user: NewHrUser): number {
    const id = user.id ?? this.nextUserId;
    if (this.users.has(id)) throw new Error(`hr user ${id} already exists`);
    this.users.set(id, {
      id,
      email: user.email,
      password: user.password,
      firstName: user.firstName ?? '',
      lastName: user.lastName ?? '',
      preferredName: user.preferredName ?? '',
      gender: user.gender ?? '',
      birthDate: user.birthDate ?? null,
      active: user.active ?? true,
    });
    this.nextUserId = Math.max(this.nextUserId, id + 1);
    return id;
  }

  /** A copy of a user record (password included), or undefined. */
  getUser(id: number): HrUser | undefined {
    const user = this.users.get(id);
    return user && { ...user };
  }

  findUserByEmail(email: string): HrUser | undefined {
    const user = [...this.users.values()].find((u) => u.email === email);
    return user && { ...user };
  }

  setUserActive(id: number, active: boolean): void {
    this.requireUser(id).active = active;
  }

  setPassword(id: number, password: string): void {
    this.requireUser(id).password = password;
  }

  /** Deletes a user and their leave requests (Django's cascade). */
  deleteUser(id: number): void {
    this.users.delete(id);
    for (const leave of [...this.leaves.values()]) if (leave.userId === id) this.leaves.delete(leave.id);
  }

  /** Adds a leave request for a user with any status; returns its id. */
  addLeaveRequest(userId: number, request: NewLeaveRequest): number {
    this.requireUser(userId);
    const id = this.nextLeaveId++;
    this.leaves.set(id, {
      id,
      userId,
      start: toMicros(request.start),
      end: toMicros(request.end),
      description: request.description ?? '',
      type: request.type ?? 'VACATION',
      status: request.status ?? 'PENDING',
      createdAt: request.createdAt === undefined ? this.nowMicros() : toMicros(request.createdAt),
    });
    return id;
  }

  /** What a manager does in the back office. */
  setLeaveStatus(id: number, status: LeaveStatus): void {
    const leave = this.leaves.get(id);
    if (!leave) throw new Error(`hr leave request ${id} does not exist`);
    leave.status = status;
  }

  /** The leave request as the API shows it, or undefined. */
  getLeaveRequest(id: number): (LeaveRequestJson & { user_id: number }) | undefined {
    const leave = this.leaves.get(id);
    return leave && { ...leaveJson(leave), user_id: leave.userId };
  }

  /** A user's leave requests as the list endpoint returns them (newest start first). */
  leaveRequestsOf(userId: number): LeaveRequestJson[] {
    return this.ownLeaves(userId).map(leaveJson);
  }

  /** Issues a reset token as forgot-password would, without sending mail. */
  createResetToken(userId: number): string {
    this.requireUser(userId);
    const token = Array.from({ length: 32 }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]).join('');
    this.resetTokens.set(token, { userId, expiresAt: this.now() + this.resetTokenLifetimeSeconds * 1000, used: false });
    return token;
  }

  // ---- routes ----

  private registerRoutes(): void {
    const route = (method: string, pattern: RegExp, handler: (req: EmulatorRequest) => EmulatorResponse): void => {
      this.server.route(method, pattern, handler);
      this.patterns.push(pattern);
    };
    route('POST', /^\/api\/auth\/token$/, (req) => this.jwt.obtain(req, 'email', (email, password) => this.checkCredentials(email, password)));
    route('POST', /^\/api\/auth\/refresh$/, (req) => this.jwt.refresh(req));
    route('POST', /^\/api\/auth\/forgot-password\/$/, (req) => this.forgotPassword(req));
    route('POST', /^\/api\/auth\/reset-password\/$/, (req) => this.resetPassword(req));
    route('POST', /^\/api\/auth\/change-password\/$/, (req) => this.changePassword(req));
    route('GET', /^\/api\/auth\/me\/$/, (req) => this.getProfile(req));
    route('PUT', /^\/api\/auth\/me\/$/, (req) => this.putProfile(req));
    route('GET', /^\/api\/leave-requests\/$/, (req) => this.listLeaves(req));
    route('POST', /^\/api\/leave-requests\/$/, (req) => this.createLeave(req));
    // DRF's router lookup pattern `[^/.]+`; the original has no trailing slash, one is accepted too.
    const detail = /^\/api\/leave-requests\/([^/.]+)\/?$/;
    route('GET', detail, (req) => this.getLeave(req));
    route('PUT', detail, (req) => this.putLeave(req));
    route('DELETE', detail, (req) => this.deleteLeave(req));
    this.server.onNotFound((req) => this.appendSlash(req));
  }

  /** Django's CommonMiddleware: a path that only exists with a trailing slash → 301, empty body. */
  private appendSlash(req: EmulatorRequest): EmulatorResponse {
    if (!req.path.endsWith('/') && this.patterns.some((p) => p.test(`${req.path}/`))) {
      const query = req.query.toString();
      return { status: 301, headers: { location: `${req.path}/${query ? `?${query}` : ''}`, 'content-type': 'text/html; charset=utf-8' } };
    }
    return { status: 404, headers: { 'content-type': 'text/html' }, body: DJANGO_404_HTML };
  }

  private forgotPassword(req: EmulatorRequest): EmulatorResponse {
    const input = this.publicInput(req);
    if (!input.ok) return input.response;
    const errors: FieldErrors = {};
    const email = readEmail(input.body, 'email', errors);
    if (hasErrors(errors) || email === undefined) return DRF.validation(errors);
    // Like Django's PasswordResetForm: case-insensitive match, active users only; 204 either way.
    const user = [...this.users.values()].find((u) => u.active && u.email.toLowerCase() === email.toLowerCase());
    if (user) this.outbox.send(user.email, 'password_reset', { reset_token: this.createResetToken(user.id) });
    return DRF.noContent();
  }

  private resetPassword(req: EmulatorRequest): EmulatorResponse {
    const input = this.publicInput(req);
    if (!input.ok) return input.response;
    const errors: FieldErrors = {};
    const tokenText = readChar(input.body, 'reset_token', {}, errors);
    const password = readPassword(input.body, 'password', true, errors);
    const confirm = readPassword(input.body, 'confirm_password', false, errors);
    const token = tokenText === undefined ? undefined : this.validResetToken(tokenText);
    if (tokenText !== undefined && !token) errors.reset_token = ['Invalid or expired reset token.'];
    if (hasErrors(errors) || !token || password === undefined) return DRF.validation(orderKeys(errors, ['reset_token', 'password', 'confirm_password']));
    if (password !== confirm) return DRF.validation({ confirm_password: ['Passwords do not match.'] });
    token.used = true;
    this.changeUserPassword(token.userId, password);
    return DRF.noContent();
  }

  private changePassword(req: EmulatorRequest): EmulatorResponse {
    const input = this.authedInput(req);
    if (!input.ok) return input.response;
    const { user, body } = input;
    const errors: FieldErrors = {};
    const current = readPassword(body, 'current_password', false, errors);
    if (current !== undefined && current !== user.password) errors.current_password = ['Wrong password.'];
    const password = readPassword(body, 'new_password', true, errors);
    const confirm = readPassword(body, 'confirm_new_password', false, errors);
    if (hasErrors(errors) || password === undefined) return DRF.validation(orderKeys(errors, ['current_password', 'new_password', 'confirm_new_password']));
    if (password !== confirm) return DRF.validation({ confirm_new_password: ['Passwords do not match.'] });
    this.changeUserPassword(user.id, password);
    return DRF.noContent();
  }

  private getProfile(req: EmulatorRequest): EmulatorResponse {
    const auth = this.authenticate(req);
    if (!auth.ok) return auth.response;
    return { status: 200, body: profileJson(auth.user) };
  }

  private putProfile(req: EmulatorRequest): EmulatorResponse {
    const input = this.authedInput(req);
    if (!input.ok) return input.response;
    const { user, body } = input;
    const errors: FieldErrors = {};
    // The original's PUT body is the GET object, e-mail included: a ModelSerializer over the user model, whose
    // login e-mail is a required, unique field, so PUT (a full update) requires it and changes it; id is
    // read-only (ignored). Omitted optional fields keep their value. Errors come in the serializer's field order.
    const email = readEmail(body, 'email', errors, { maxLength: 254 });
    if (email !== undefined && [...this.users.values()].some((u) => u.id !== user.id && u.email === email)) {
      errors.email = ['user with this email address already exists.'];
    }
    const gender = readChoice(body, 'gender', GENDERS, { required: false, allowBlank: true }, errors);
    const firstName = readChar(body, 'first_name', { maxLength: 150 }, errors);
    const lastName = readChar(body, 'last_name', { maxLength: 150 }, errors);
    const preferredName = readChar(body, 'preferred_name', { required: false, allowBlank: true, maxLength: 150 }, errors);
    const birthDate = readDate(body, 'birth_date', { required: false, allowNull: true }, errors);
    if (hasErrors(errors)) return DRF.validation(errors);
    user.email = email!;
    if (gender !== undefined) user.gender = gender;
    if (firstName !== undefined) user.firstName = firstName;
    if (lastName !== undefined) user.lastName = lastName;
    if (preferredName !== undefined) user.preferredName = preferredName;
    if (birthDate !== undefined) user.birthDate = birthDate;
    return { status: 200, body: profileJson(user) };
  }

  private listLeaves(req: EmulatorRequest): EmulatorResponse {
    const auth = this.authenticate(req);
    if (!auth.ok) return auth.response;
    return paginate(this.linkHost ? { ...req, host: this.linkHost } : req, this.ownLeaves(auth.user.id).map(leaveJson), this.pageSize);
  }

  private createLeave(req: EmulatorRequest): EmulatorResponse {
    const input = this.authedInput(req);
    if (!input.ok) return input.response;
    const fields = validateLeave(input.body, undefined);
    if (!fields.ok) return fields.response;
    const id = this.nextLeaveId++;
    const leave: LeaveRecord = { id, userId: input.user.id, createdAt: this.nowMicros(), ...fields.value, description: fields.value.description ?? '', status: fields.value.status ?? 'PENDING' };
    this.leaves.set(id, leave);
    return { status: 201, body: leaveJson(leave) };
  }

  private getLeave(req: EmulatorRequest): EmulatorResponse {
    const found = this.ownLeave(req);
    if (!found.ok) return found.response;
    return { status: 200, body: leaveJson(found.leave) };
  }

  private putLeave(req: EmulatorRequest): EmulatorResponse {
    const found = this.ownLeave(req);
    if (!found.ok) return found.response;
    const input = parseInput(req);
    if (!input.ok) return input.response;
    const { leave } = found;
    const fields = validateLeave(input.body, leave);
    if (!fields.ok) return fields.response;
    Object.assign(leave, {
      ...fields.value,
      description: fields.value.description ?? leave.description,
      status: fields.value.status ?? leave.status,
    });
    return { status: 200, body: leaveJson(leave) };
  }

  private deleteLeave(req: EmulatorRequest): EmulatorResponse {
    const found = this.ownLeave(req);
    if (!found.ok) return found.response;
    this.leaves.delete(found.leave.id);
    return DRF.noContent();
  }

  // ---- helpers ----

  /** DRF's get_object: authenticate, then look the id up among the caller's own requests. */
  private ownLeave(req: EmulatorRequest): { ok: true; leave: LeaveRecord; user: HrUser } | { ok: false; response: EmulatorResponse } {
    const auth = this.authenticate(req);
    if (!auth.ok) return auth;
    const raw = req.params[0] ?? '';
    if (!/^\d+$/.test(raw)) return { ok: false, response: DRF.notFound() };
    // The database refuses an id beyond 64 bits: Django answers with its HTML 500 page.
    if (BigInt(raw) > MAX_BIGINT) return { ok: false, response: DJANGO_500 };
    const leave = this.leaves.get(Number(raw));
    if (!leave || leave.userId !== auth.user.id) return { ok: false, response: DRF.notFound() };
    return { ok: true, leave, user: auth.user };
  }

  private ownLeaves(userId: number): LeaveRecord[] {
    return [...this.leaves.values()].filter((l) => l.userId === userId).sort((a, b) => b.start - a.start || b.id - a.id);
  }

  private authenticate(req: EmulatorRequest): Authed {
    const result = this.jwt.authenticate(req, (id) => this.users.get(id));
    if (!result.ok) return result;
    return { ok: true, user: this.users.get(result.userId)! };
  }

  /** Authentication first, then the body: the order DRF runs them in. */
  private authedInput(req: EmulatorRequest): { ok: true; user: HrUser; body: Record<string, unknown> } | { ok: false; response: EmulatorResponse } {
    const auth = this.authenticate(req);
    if (!auth.ok) return auth;
    const input = parseInput(req);
    if (!input.ok) return input;
    return { ok: true, user: auth.user, body: input.body };
  }

  /**
   * A public view still runs the authenticators: no header or another scheme is anonymous,
   * but a stale or bad bearer token is a 401.
   */
  private publicInput(req: EmulatorRequest): Body {
    if (req.headers.authorization !== undefined) {
      const auth = this.authenticate(req);
      if (!auth.ok && (auth.response.body as { detail?: string }).detail !== NOT_PROVIDED) return auth;
    }
    return parseInput(req);
  }

  private checkCredentials(email: string, password: string): HrUser | undefined {
    // Stock ModelBackend: the e-mail matches exactly as stored.
    const user = [...this.users.values()].find((u) => u.email === email);
    return user && user.password === password ? user : undefined;
  }

  private validResetToken(token: string): ResetToken | undefined {
    const entry = this.resetTokens.get(token);
    if (!entry || entry.used || entry.expiresAt <= this.now()) return undefined;
    const user = this.users.get(entry.userId);
    return user?.active ? entry : undefined;
  }

  /** A new password also voids the user's other outstanding reset tokens (Django's token generator does). */
  private changeUserPassword(userId: number, password: string): void {
    this.requireUser(userId).password = password;
    for (const entry of this.resetTokens.values()) if (entry.userId === userId) entry.used = true;
  }

  private requireUser(id: number): HrUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`hr user ${id} does not exist`);
    return user;
  }

  /** Server-set timestamps carry microseconds, as Python's datetime.now() does. */
  private nowMicros(): number {
    const micros = Math.floor(this.now() * 1000);
    return this.realClock ? micros + Number(process.hrtime.bigint() % 1000n) : micros;
  }

  private seedDemo(): void {
    for (const user of DEMO_USERS) this.addUser(user);
    for (const leave of DEMO_LEAVE_REQUESTS) {
      this.nextLeaveId = leave.id;
      this.addLeaveRequest(leave.userId, leave);
    }
  }
}

export function createHrEmulator(options: HrEmulatorOptions = {}): HrEmulator {
  return new HrEmulator(options);
}

interface LeaveFields {
  start: number;
  end: number;
  type: LeaveType;
  description?: string;
  status?: LeaveStatus;
}

/**
 * The leave-request serializer: field errors first; the object-level rules (pending-only edits,
 * end after start) only once every field is valid.
 */
function validateLeave(body: Record<string, unknown>, existing: LeaveRecord | undefined): { ok: true; value: LeaveFields } | { ok: false; response: EmulatorResponse } {
  const errors: FieldErrors = {};
  const start = readDateTime(body, 'start', {}, errors);
  const end = readDateTime(body, 'end', {}, errors);
  const description = readChar(body, 'description', { required: false, allowBlank: true, maxLength: 1000 }, errors);
  const type = readChoice(body, 'type', LEAVE_TYPES, {}, errors);
  const status = readChoice(body, 'status', LEAVE_STATUSES, { required: false }, errors);
  if (status !== undefined && status !== '' && !EMPLOYEE_STATUSES.includes(status)) errors.status = ['You cannot set this status.'];
  if (hasErrors(errors) || start === undefined || end === undefined || !type) return { ok: false, response: DRF.validation(errors) };
  const newStatus = status || existing?.status || 'PENDING';
  if (existing && existing.status !== 'PENDING' && newStatus !== 'CANCELLED') {
    return { ok: false, response: DRF.validation({ non_field_errors: ['Only pending requests can be edited.'] }) };
  }
  if (end <= start) return { ok: false, response: DRF.validation({ end: ['End must be after start.'] }) };
  return { ok: true, value: { start, end, type, description, status: status || undefined } };
}

/**
 * The request body as a serializer sees it: DRF's parse errors, then the serializer's own answer to
 * a JSON document that is not an object.
 */
function parseInput(req: EmulatorRequest): Body {
  const parsed = drfBody(req);
  if (parsed.ok) return parsed;
  let value: unknown;
  try {
    value = JSON.parse(req.rawBody);
  } catch {
    return parsed;
  }
  if (value === null) return { ok: false, response: DRF.validation({ non_field_errors: ['No data provided'] }) };
  return { ok: false, response: DRF.validation({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(value)}.`] }) };
}

function pythonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'dict';
}

/** DRF reports errors in the serializer's field order. */
function orderKeys(errors: FieldErrors, order: string[]): FieldErrors {
  return Object.fromEntries(order.filter((k) => errors[k]).map((k) => [k, errors[k]!]));
}

function profileJson(user: HrUser): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    gender: user.gender,
    first_name: user.firstName,
    last_name: user.lastName,
    preferred_name: user.preferredName,
    birth_date: user.birthDate,
  };
}

function leaveJson(leave: LeaveRecord): LeaveRequestJson {
  return {
    id: leave.id,
    start: formatDateTime(leave.start),
    end: formatDateTime(leave.end),
    description: leave.description,
    type: leave.type,
    status: leave.status,
    created_at: formatDateTime(leave.createdAt),
  };
}

function toMicros(value: string | Date): number {
  if (value instanceof Date) return value.getTime() * 1000;
  const micros = parseDateTime(value);
  if (micros === undefined) throw new Error(`not an ISO 8601 datetime: ${value}`);
  return micros;
}
