import { randomUUID } from 'node:crypto';
import { METHODS } from 'node:http';
import { EmulatorServer, parseJsonBody, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import { demoCompanies, demoUsers } from './demo-data.js';
import { OzCode, OzFailure, fail, invalid, ozError } from './errors.js';
import {
  ANALYSIS_KINDS,
  USER_TYPES,
  companyView,
  isClientType,
  isServiceUser,
  isUuid,
  parseCredentials,
  parseNewUser,
  parseTechnicalMetaData,
  requireString,
  userView,
  type AnalysisPermissions,
  type ApiVersion,
  type ForensicCompany,
  type ForensicUser,
  type UserType,
} from './model.js';
import { TokenStore, type TokenRecord } from './tokens.js';

export { FORENSIC_DEMO_COMPANIES, FORENSIC_DEMO_SERVICE_USER, FORENSIC_DEMO_USER_IDS } from './demo-data.js';
export { OzCode, ozError } from './errors.js';
export type { AnalysisPermissions, ApiVersion, ForensicCompany, ForensicUser, UserType } from './model.js';
export type { TokenRecord } from './tokens.js';

export interface ForensicEmulatorOptions {
  /** Seed the demo companies and users (default true). */
  demo?: boolean;
  /** Oz API version: 6 (default) or 5; changes the user profile shape. */
  apiVersion?: ApiVersion;
  /** Sliding lifetime of a regular user's session (default 900 s). */
  regularLifetimeSeconds?: number;
  /** Sliding lifetime of a service user's session and of service tokens (default 5 years). */
  serviceLifetimeSeconds?: number;
  /** Clock in epoch milliseconds (default Date.now). */
  now?: () => number;
}

export interface AddUserInput {
  email: string;
  password: string;
  /** canonical (API 6) user type; API 5 views show client types as CLIENT + is_admin/is_service */
  role: UserType;
  companyId?: string | null;
  userId?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  isActive?: boolean;
  canStartAnalysis?: Partial<AnalysisPermissions>;
}

export interface ForensicEmulator {
  readonly server: EmulatorServer;
  apiVersion: ApiVersion;
  regularLifetimeSeconds: number;
  serviceLifetimeSeconds: number;
  readonly url: string;
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  readonly companies: readonly ForensicCompany[];
  readonly users: readonly ForensicUser[];
  /** Every access token issued so far (login pairs, refreshed pairs, service tokens). */
  readonly tokens: readonly TokenRecord[];
  addCompany(name: string, companyId?: string, technicalMetaData?: Record<string, unknown>): ForensicCompany;
  /** Deletes a company (as an Oz operator would): the lists close up behind it. */
  removeCompany(companyId: string): void;
  addUser(input: AddUserInput): ForensicUser;
  /** By user id or e-mail (case-insensitive). */
  findUser(idOrEmail: string): ForensicUser | undefined;
  setUserActive(idOrEmail: string, active: boolean): void;
  /** The user as the configured API version emits it. */
  userView(user: ForensicUser): Record<string, unknown>;
  /** Logs a user in without HTTP (no password check). */
  createSession(idOrEmail: string): TokenRecord;
  /** Whether the token would authenticate a request right now (no side effects). */
  isValidToken(accessToken: string): boolean;
  tokenInfo(accessToken: string): TokenRecord | undefined;
  /** Moves a token's expiry into the past; returns false for an unknown token. */
  expireSession(accessToken: string): boolean;
  revokeToken(accessToken: string): boolean;
}

type RouteHandler = (req: EmulatorRequest, params: string[]) => EmulatorResponse;

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, RouteHandler>>;
}

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;
const TOKEN_HEADER = 'x-forensic-access-token';

class ForensicEmulatorImpl implements ForensicEmulator {
  readonly server = new EmulatorServer('forensic');
  apiVersion: ApiVersion;
  regularLifetimeSeconds: number;
  serviceLifetimeSeconds: number;
  private readonly now: () => number;
  private readonly companyList: ForensicCompany[] = [];
  private readonly userList: ForensicUser[] = [];
  private readonly store: TokenStore;
  private readonly routes: Route[];

  constructor(options: ForensicEmulatorOptions) {
    this.apiVersion = options.apiVersion ?? 6;
    this.regularLifetimeSeconds = options.regularLifetimeSeconds ?? 900;
    this.serviceLifetimeSeconds = options.serviceLifetimeSeconds ?? FIVE_YEARS_SECONDS;
    this.now = options.now ?? Date.now;
    this.store = new TokenStore(this.now, (record) => this.lifetimeMs(record));
    if (options.demo ?? true) {
      this.companyList.push(...demoCompanies());
      this.userList.push(...demoUsers());
    }
    this.routes = [
      { pattern: /^\/api\/authorize\/auth\/?$/, methods: { POST: (req) => this.login(req) } },
      { pattern: /^\/api\/authorize\/refresh\/$/, methods: { POST: (req) => this.refresh(req) } },
      {
        pattern: /^\/api\/authorize\/service_token\/([^/]+)$/,
        methods: { GET: (req, [id]) => this.serviceToken(req, id!), POST: (req, [id]) => this.serviceToken(req, id!) },
      },
      { pattern: /^\/api\/companies\/$/, methods: { GET: (req) => this.listCompanies(req), POST: (req) => this.createCompany(req) } },
      { pattern: /^\/api\/companies\/([^/]+)\/$/, methods: { GET: (req, [id]) => this.getCompany(req, id!) } },
      { pattern: /^\/api\/users\/$/, methods: { GET: (req) => this.listUsers(req), POST: (req) => this.createUser(req) } },
      { pattern: /^\/api\/users\/([^/]+)\/$/, methods: { GET: (req, [id]) => this.getUser(req, id!) } },
    ];
    // Every method and path goes through our own router: Oz answers 404/405 with its own error body, not DRF's.
    for (const method of METHODS) this.server.route(method, /^/, (req) => this.dispatch(req));
    this.server.onNotFound((req) => this.dispatch(req));
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

  get companies(): readonly ForensicCompany[] {
    return this.companyList;
  }

  get users(): readonly ForensicUser[] {
    return this.userList;
  }

  get tokens(): readonly TokenRecord[] {
    return this.store.all;
  }

  addCompany(name: string, companyId: string = randomUUID(), technicalMetaData: Record<string, unknown> = {}): ForensicCompany {
    if (this.findCompany(companyId)) throw new Error(`company ${companyId} already exists`);
    const company = { companyId: companyId.toLowerCase(), name, technicalMetaData };
    this.companyList.push(company);
    return company;
  }

  removeCompany(companyId: string): void {
    const company = this.findCompany(companyId);
    if (!company) throw new Error(`unknown company ${companyId}`);
    this.companyList.splice(this.companyList.indexOf(company), 1);
  }

  addUser(input: AddUserInput): ForensicUser {
    if (!USER_TYPES.includes(input.role)) throw new Error(`unknown role ${String(input.role)}`);
    if (this.findByEmail(input.email)) throw new Error(`user ${input.email} already exists`);
    const companyId = input.companyId?.toLowerCase() ?? null;
    if (companyId !== null && !this.findCompany(companyId)) throw new Error(`unknown company ${companyId}`);
    const canStartAnalysis = Object.fromEntries(ANALYSIS_KINDS.map((kind) => [kind, input.canStartAnalysis?.[kind] ?? true])) as AnalysisPermissions;
    const user: ForensicUser = {
      userId: input.userId ?? randomUUID(),
      email: input.email,
      password: input.password,
      userType: input.role,
      companyId,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      middleName: input.middleName ?? '',
      isActive: input.isActive ?? true,
      canStartAnalysis,
    };
    this.userList.push(user);
    return user;
  }

  findUser(idOrEmail: string): ForensicUser | undefined {
    return this.userList.find((u) => u.userId === idOrEmail) ?? this.findByEmail(idOrEmail);
  }

  setUserActive(idOrEmail: string, active: boolean): void {
    const user = this.findUser(idOrEmail);
    if (!user) throw new Error(`unknown user ${idOrEmail}`);
    user.isActive = active;
  }

  userView(user: ForensicUser): Record<string, unknown> {
    return userView(user, this.apiVersion);
  }

  createSession(idOrEmail: string): TokenRecord {
    const user = this.findUser(idOrEmail);
    if (!user) throw new Error(`unknown user ${idOrEmail}`);
    return this.store.login(user.userId);
  }

  isValidToken(accessToken: string): boolean {
    if (this.store.check(accessToken) !== undefined) return false;
    return this.findUser(this.store.findAccess(accessToken)!.userId)?.isActive === true;
  }

  tokenInfo(accessToken: string): TokenRecord | undefined {
    return this.store.findAccess(accessToken);
  }

  expireSession(accessToken: string): boolean {
    return this.store.expire(accessToken);
  }

  revokeToken(accessToken: string): boolean {
    return this.store.revoke(accessToken);
  }

  // --- routing -------------------------------------------------------------------------------

  private dispatch(req: EmulatorRequest): EmulatorResponse {
    try {
      const match = this.match(req.path);
      if (!match) return this.noRoute(req);
      const handler = match.route.methods[req.method];
      if (!handler) return ozError(OzCode.NOT_ALLOWED, `Method "${req.method}" not allowed.`);
      return handler(req, match.params);
    } catch (error) {
      if (error instanceof OzFailure) return error.response;
      console.error('forensic emulator handler failed', error);
      return ozError(OzCode.UNKNOWN);
    }
  }

  private match(path: string): { route: Route; params: string[] } | undefined {
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (found) return { route, params: found.slice(1) };
    }
    return undefined;
  }

  /** Django's APPEND_SLASH: a known path without its trailing slash redirects; anything else is a 404. */
  private noRoute(req: EmulatorRequest): EmulatorResponse {
    if (!req.path.endsWith('/') && this.match(`${req.path}/`)) {
      const query = req.query.toString();
      return { status: 301, headers: { location: `${req.path}/${query ? `?${query}` : ''}` } };
    }
    return ozError(OzCode.NOT_EXIST, 'Not found');
  }

  private body(req: EmulatorRequest): Record<string, unknown> {
    const parsed = parseJsonBody(req, {
      unsupported: (contentType) => ozError(OzCode.INVALID_STRUCTURE, `Unsupported media type "${contentType}" in request`, null),
      malformed: () => ozError(OzCode.INVALID_STRUCTURE, 'Malformed JSON body', null),
    });
    if (!parsed.ok) throw new OzFailure(parsed.response);
    return parsed.body;
  }

  // --- authentication ------------------------------------------------------------------------

  private authenticate(req: EmulatorRequest): ForensicUser {
    const token = headerToken(req);
    const problem = this.store.check(token);
    if (problem === 'missing') fail(OzCode.AUTH_NOT_PROVIDED);
    if (problem === 'invalid') fail(OzCode.AUTH_INVALID);
    if (problem === 'expired') fail(OzCode.AUTH_EXPIRED);
    const record = this.store.findAccess(token!)!;
    const user = this.findUser(record.userId);
    if (!user?.isActive) fail(OzCode.AUTH_INVALID, 'User is not active');
    this.store.use(record);
    return user;
  }

  private lifetimeMs(record: Pick<TokenRecord, 'kind' | 'userId'>): number {
    const user = this.findUser(record.userId);
    const service = record.kind === 'service' || (user !== undefined && isServiceUser(user));
    return (service ? this.serviceLifetimeSeconds : this.regularLifetimeSeconds) * 1000;
  }

  private login(req: EmulatorRequest): EmulatorResponse {
    const { email, password } = parseCredentials(this.body(req));
    const user = this.findByEmail(email);
    if (!user || user.password !== password || !user.isActive) fail(OzCode.AUTH_INVALID, 'Invalid credentials');
    return { status: 200, body: this.sessionBody(this.store.login(user.userId), user) };
  }

  private refresh(req: EmulatorRequest): EmulatorResponse {
    const token = headerToken(req);
    if (!token) fail(OzCode.AUTH_NOT_PROVIDED);
    const expireToken = this.body(req).expire_token;
    if (expireToken === undefined || expireToken === null || expireToken === '') invalid(OzCode.INVALID_STRUCTURE, 'expire_token', 'required');
    if (typeof expireToken !== 'string') invalid(OzCode.INVALID_TYPE, 'expire_token', 'must be a string');
    const record = this.store.findExpire(expireToken);
    if (!record) fail(OzCode.AUTH_INVALID, 'Session not found');
    if (record.accessToken !== token) fail(OzCode.AUTH_FORBIDDEN, 'You have not access to refresh this session');
    const user = this.findUser(record.userId);
    if (!user?.isActive) fail(OzCode.AUTH_INVALID, 'User is not active');
    // Sending the access token here counts as using it (it retires the pair it came from), even when expired.
    this.store.markUsed(record);
    return { status: 200, body: this.sessionBody(this.store.refresh(record), user) };
  }

  private sessionBody(record: TokenRecord, user: ForensicUser): Record<string, unknown> {
    return {
      user: userView(user, this.apiVersion),
      access_token: record.accessToken,
      expire_token: record.expireToken,
      expire_date: record.expiresAt / 1000,
      session_id: record.sessionId,
    };
  }

  private serviceToken(req: EmulatorRequest, userId: string): EmulatorResponse {
    const actor = this.authenticate(req);
    requireRole(actor);
    const target = isUuid(userId) ? this.findUser(userId) : undefined;
    if (!target) fail(OzCode.NOT_EXIST, 'User not found');
    requireCompanyScope(actor, target.companyId);
    if (!isServiceUser(target)) invalid(OzCode.INVALID_VALUE, 'user_id', 'not a service user');
    if (!target.isActive) invalid(OzCode.INVALID_VALUE, 'user_id', 'user is not active');
    const record = this.store.issueService(target.userId);
    return {
      status: 200,
      body: {
        token_id: record.tokenId,
        user_id: target.userId,
        access_token: record.accessToken,
        expire_date: record.expiresAt / 1000,
        session_id: record.sessionId,
      },
    };
  }

  // --- companies -----------------------------------------------------------------------------

  private createCompany(req: EmulatorRequest): EmulatorResponse {
    const actor = this.authenticate(req);
    if (actor.userType !== 'ADMIN') fail(OzCode.AUTH_FORBIDDEN);
    const body = this.body(req);
    const name = requireString(body, 'name').trim();
    if (name === '') invalid(OzCode.INVALID_VALUE, 'name', 'may not be blank');
    // Checked before anything is created: a refused request leaves no company behind.
    const company = this.addCompany(name, undefined, parseTechnicalMetaData(body));
    return { status: 201, body: companyView(company) };
  }

  private listCompanies(req: EmulatorRequest): EmulatorResponse {
    const actor = this.authenticate(req);
    requireRole(actor);
    const name = req.query.get('name')?.toLowerCase();
    const visible = this.companyList.filter(
      (c) => (actor.userType === 'ADMIN' || c.companyId === actor.companyId) && (!name || c.name.toLowerCase().includes(name)),
    );
    return { status: 200, body: page(visible, req.query).map(companyView) };
  }

  private getCompany(req: EmulatorRequest, companyId: string): EmulatorResponse {
    const actor = this.authenticate(req);
    requireRole(actor);
    const company = isUuid(companyId) ? this.findCompany(companyId) : undefined;
    if (!company) fail(OzCode.NOT_EXIST, 'Company not found');
    requireCompanyScope(actor, company.companyId);
    return { status: 200, body: companyView(company) };
  }

  // --- users ---------------------------------------------------------------------------------

  private createUser(req: EmulatorRequest): EmulatorResponse {
    const actor = this.authenticate(req);
    requireRole(actor);
    const input = parseNewUser(this.body(req), this.apiVersion, (id) => this.findCompany(id) !== undefined);
    if (actor.userType !== 'ADMIN' && !isClientType(input.userType)) fail(OzCode.AUTH_FORBIDDEN);
    requireCompanyScope(actor, input.companyId);
    if (this.findByEmail(input.email)) invalid(OzCode.INVALID_VALUE, 'email', 'already exists');
    const user: ForensicUser = { ...input, userId: randomUUID(), isActive: true };
    this.userList.push(user);
    return { status: 201, body: userView(user, this.apiVersion) };
  }

  private listUsers(req: EmulatorRequest): EmulatorResponse {
    const actor = this.authenticate(req);
    requireRole(actor);
    const companyId = req.query.get('company_id')?.toLowerCase() || undefined;
    if (companyId !== undefined && !isUuid(companyId)) invalid(OzCode.INVALID_VALUE, 'company_id', 'not a valid UUID');
    if (companyId !== undefined) requireCompanyScope(actor, companyId);
    const visible = this.userList.filter((u) =>
      actor.userType === 'ADMIN' ? companyId === undefined || u.companyId === companyId : u.companyId !== null && u.companyId === actor.companyId,
    );
    return { status: 200, body: page(visible, req.query).map((u) => userView(u, this.apiVersion)) };
  }

  private getUser(req: EmulatorRequest, userId: string): EmulatorResponse {
    const actor = this.authenticate(req);
    if (actor.userId !== userId) {
      requireRole(actor);
      const user = isUuid(userId) ? this.findUser(userId) : undefined;
      if (!user) fail(OzCode.NOT_EXIST, 'User not found');
      requireCompanyScope(actor, user.companyId);
      return { status: 200, body: userView(user, this.apiVersion) };
    }
    return { status: 200, body: userView(actor, this.apiVersion) };
  }

  private findByEmail(email: string): ForensicUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.userList.find((u) => u.email.toLowerCase() === wanted);
  }

  private findCompany(companyId: string): ForensicCompany | undefined {
    const wanted = companyId.toLowerCase();
    return this.companyList.find((c) => c.companyId.toLowerCase() === wanted);
  }
}

function headerToken(req: EmulatorRequest): string | undefined {
  const value = req.headers[TOKEN_HEADER];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/** Only ADMIN and CLIENT_ADMIN manage companies, users and service tokens. */
function requireRole(actor: ForensicUser): void {
  if (actor.userType !== 'ADMIN' && actor.userType !== 'CLIENT_ADMIN') fail(OzCode.AUTH_FORBIDDEN);
}

/** A CLIENT_ADMIN acts only inside its own company. */
function requireCompanyScope(actor: ForensicUser, companyId: string | null): void {
  if (actor.userType === 'ADMIN') return;
  if (companyId === null || companyId.toLowerCase() !== actor.companyId) fail(OzCode.AUTH_FORBIDDEN);
}

function nonNegativeInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) invalid(OzCode.INVALID_VALUE, name, 'must be a non-negative integer');
  return Number(raw);
}

/** `?limit=&offset=` over a bare array, as Oz lists are. */
function page<T>(items: T[], query: URLSearchParams): T[] {
  const offset = nonNegativeInt(query, 'offset') ?? 0;
  const limit = nonNegativeInt(query, 'limit');
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}

export function createForensicEmulator(options: ForensicEmulatorOptions = {}): ForensicEmulator {
  return new ForensicEmulatorImpl(options);
}
