import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseJsonBody, type EmulatorRequest, type EmulatorResponse } from './server.js';

/**
 * Stock djangorestframework-simplejwt behaviour, shared by the lenel and hr emulators:
 * HS256 tokens, obtain/refresh views, optional rotation with blacklisting, and the exact error bodies
 * of the DRF/simplejwt error catalogue (docs/upstreams.md).
 */
export interface SimpleJwtOptions {
  secret?: string;
  accessLifetimeSeconds?: number;
  refreshLifetimeSeconds?: number;
  /** ROTATE_REFRESH_TOKENS + BLACKLIST_AFTER_ROTATION */
  rotateRefreshTokens?: boolean;
  /** user_id as a string (simplejwt >= 5.5.1) instead of a number */
  userIdAsString?: boolean;
  now?: () => number;
}

export interface JwtPayload {
  token_type: 'access' | 'refresh';
  exp: number;
  iat: number;
  jti: string;
  user_id: number | string;
}

export interface JwtUser {
  id: number;
  active: boolean;
}

const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer realm="api"' };

export const DRF = {
  unauthorized: (body: Record<string, unknown>): EmulatorResponse => ({ status: 401, headers: WWW_AUTHENTICATE, body }),
  forbidden: (): EmulatorResponse => ({ status: 403, body: { detail: 'You do not have permission to perform this action.' } }),
  notFound: (): EmulatorResponse => ({ status: 404, body: { detail: 'Not found.' } }),
  invalidPage: (): EmulatorResponse => ({ status: 404, body: { detail: 'Invalid page.' } }),
  validation: (errors: Record<string, string[]>): EmulatorResponse => ({ status: 400, body: errors }),
  unsupportedMediaType: (contentType: string): EmulatorResponse => ({
    status: 415,
    body: { detail: `Unsupported media type "${contentType}" in request.` },
  }),
  malformedJson: (): EmulatorResponse => ({ status: 400, body: { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' } }),
  noContent: (): EmulatorResponse => ({ status: 204 }),
};

/** Parses a DRF request body; on failure returns the exact DRF error response. */
export function drfBody(req: EmulatorRequest): { ok: true; body: Record<string, unknown> } | { ok: false; response: EmulatorResponse } {
  return parseJsonBody(req, { unsupported: DRF.unsupportedMediaType, malformed: DRF.malformedJson });
}

/** DRF's required/blank/null checks for string fields, in field order. */
export function requireStrings(body: Record<string, unknown>, fields: string[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const field of fields) {
    const value = body[field];
    if (value === undefined) errors[field] = ['This field is required.'];
    else if (value === null) errors[field] = ['This field may not be null.'];
    else if (typeof value === 'string' && value.trim() === '') errors[field] = ['This field may not be blank.'];
  }
  return errors;
}

export class SimpleJwt {
  readonly secret: string;
  accessLifetimeSeconds: number;
  refreshLifetimeSeconds: number;
  rotateRefreshTokens: boolean;
  private readonly userIdAsString: boolean;
  private readonly now: () => number;
  private readonly blacklist = new Set<string>();

  constructor(options: SimpleJwtOptions = {}) {
    this.secret = options.secret ?? randomBytes(32).toString('hex');
    this.accessLifetimeSeconds = options.accessLifetimeSeconds ?? 300;
    this.refreshLifetimeSeconds = options.refreshLifetimeSeconds ?? 86_400;
    this.rotateRefreshTokens = options.rotateRefreshTokens ?? false;
    this.userIdAsString = options.userIdAsString ?? false;
    this.now = options.now ?? Date.now;
  }

  issue(tokenType: 'access' | 'refresh', userId: number): string {
    const iat = Math.floor(this.now() / 1000);
    const lifetime = tokenType === 'access' ? this.accessLifetimeSeconds : this.refreshLifetimeSeconds;
    const payload: JwtPayload = {
      token_type: tokenType,
      exp: iat + lifetime,
      iat,
      jti: randomBytes(16).toString('hex'),
      user_id: this.userIdAsString ? String(userId) : userId,
    };
    return sign(payload, this.secret);
  }

  pair(userId: number): { refresh: string; access: string } {
    return { refresh: this.issue('refresh', userId), access: this.issue('access', userId) };
  }

  /** Verifies signature and expiry; returns the payload or undefined. */
  decode(token: string): JwtPayload | undefined {
    const payload = verify(token, this.secret);
    if (!payload) return undefined;
    if (payload.exp * 1000 <= this.now()) return undefined;
    return payload;
  }

  /** `POST <token obtain>` with the site's login field. */
  obtain(req: EmulatorRequest, loginField: string, authenticate: (login: string, password: string) => JwtUser | undefined): EmulatorResponse {
    const parsed = drfBody(req);
    if (!parsed.ok) return parsed.response;
    const errors = requireStrings(parsed.body, [loginField, 'password']);
    if (Object.keys(errors).length > 0) return DRF.validation(errors);
    const user = authenticate(String(parsed.body[loginField]), String(parsed.body.password));
    if (!user || !user.active) return DRF.unauthorized({ detail: 'No active account found with the given credentials' });
    return { status: 200, body: this.pair(user.id) };
  }

  /** `POST <token refresh>`. Like simplejwt 5.2 it does not check that the user still exists or is active. */
  refresh(req: EmulatorRequest): EmulatorResponse {
    const parsed = drfBody(req);
    if (!parsed.ok) return parsed.response;
    const errors = requireStrings(parsed.body, ['refresh']);
    if (Object.keys(errors).length > 0) return DRF.validation(errors);
    const token = String(parsed.body.refresh);
    const payload = this.decode(token);
    if (!payload) return DRF.unauthorized({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
    if (payload.token_type !== 'refresh') return DRF.unauthorized({ detail: 'Token has wrong type', code: 'token_not_valid' });
    if (this.blacklist.has(payload.jti)) return DRF.unauthorized({ detail: 'Token is blacklisted', code: 'token_not_valid' });
    const userId = Number(payload.user_id);
    const body: Record<string, string> = { access: this.issue('access', userId) };
    if (this.rotateRefreshTokens) {
      this.blacklist.add(payload.jti);
      body.refresh = this.issue('refresh', userId);
    }
    return { status: 200, body };
  }

  /**
   * JWTAuthentication for a protected view: the user, or the 401 response simplejwt sends.
   * `findUser` returns undefined for a deleted user.
   */
  authenticate(req: EmulatorRequest, findUser: (id: number) => JwtUser | undefined): { ok: true; userId: number } | { ok: false; response: EmulatorResponse } {
    const header = req.headers.authorization;
    if (!header) return { ok: false, response: DRF.unauthorized({ detail: 'Authentication credentials were not provided.' }) };
    const parts = header.split(' ');
    // simplejwt's AUTH_HEADER_TYPES is case-sensitive: "bearer" is another scheme.
    if (parts[0] !== 'Bearer') return { ok: false, response: DRF.unauthorized({ detail: 'Authentication credentials were not provided.' }) };
    if (parts.length !== 2 || parts[1] === '') {
      return {
        ok: false,
        response: DRF.unauthorized({ detail: 'Authorization header must contain two space-delimited values', code: 'bad_authorization_header' }),
      };
    }
    const payload = this.decode(parts[1]!);
    if (!payload || payload.token_type !== 'access') {
      return {
        ok: false,
        response: DRF.unauthorized({
          detail: 'Given token not valid for any token type',
          code: 'token_not_valid',
          messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
        }),
      };
    }
    const user = findUser(Number(payload.user_id));
    if (!user) return { ok: false, response: DRF.unauthorized({ detail: 'User not found', code: 'user_not_found' }) };
    if (!user.active) return { ok: false, response: DRF.unauthorized({ detail: 'User is inactive', code: 'user_inactive' }) };
    return { ok: true, userId: user.id };
  }
}

/**
 * DRF's PageNumberPagination: the envelope with absolute `next`/`previous` links built from the Host
 * header, other query parameters kept; out-of-range page → 404 "Invalid page.".
 */
export function paginate<T>(req: EmulatorRequest, items: T[], pageSize: number | undefined): EmulatorResponse {
  if (!pageSize) return { status: 200, body: items };
  const pageParam = req.query.get('page') ?? '1';
  const page = /^\d+$/.test(pageParam) ? Number(pageParam) : NaN;
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > pages) return DRF.invalidPage();
  const link = (n: number): string | null => {
    if (n < 1 || n > pages) return null;
    const query = new URLSearchParams(req.query);
    if (n === 1) query.delete('page');
    else query.set('page', String(n));
    const qs = query.toString();
    return `http://${req.host}${req.path}${qs ? `?${qs}` : ''}`;
  };
  return {
    status: 200,
    body: { count: items.length, next: link(page + 1), previous: link(page - 1), results: items.slice((page - 1) * pageSize, page * pageSize) },
  };
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

function sign(payload: JwtPayload, secret: string): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

function verify(token: string, secret: string): JwtPayload | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  const expected = Buffer.from(createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtPayload;
  } catch {
    return undefined;
  }
}
