import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from '../common/server.js';
import { errors, fail, jsonBody } from './envelope.js';
import { serializeChallenge } from './mfa.js';
import type { RehiveState, TokenRecord, UserRecord } from './state.js';

/**
 * public: no token needed (a token that is sent must still be valid, as DRF authenticates first);
 * token: a token whose MFA challenge is solved; mfa: any live token, also one still waiting for MFA.
 */
export type Access = 'public' | 'token' | 'mfa';

export interface Caller {
  record: TokenRecord;
  user: UserRecord;
  /** The login token still waits for its MFA challenge. */
  pending: boolean;
}

export interface RouteContext {
  req: EmulatorRequest;
  body: Record<string, unknown>;
  caller: Caller | undefined;
  params: string[];
}

export interface AuthedContext extends RouteContext {
  caller: Caller;
}

interface RouteDef {
  method: string;
  pattern: RegExp;
  access: Access;
  handler: (ctx: RouteContext) => EmulatorResponse | Promise<EmulatorResponse>;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes in front of EmulatorServer's: it answers every method on every path so that unknown URLs
 * (404), wrong methods (405) and missing trailing slashes (Django's 301) keep the Rehive envelope.
 */
export class RehiveRouter {
  private readonly routes: RouteDef[] = [];

  constructor(private readonly state: RehiveState) {}

  public(method: string, path: RegExp, handler: RouteDef['handler']): this {
    this.routes.push({ method, pattern: path, access: 'public', handler });
    return this;
  }

  authed(method: string, path: RegExp, handler: (ctx: AuthedContext) => EmulatorResponse | Promise<EmulatorResponse>, access: 'token' | 'mfa' = 'token'): this {
    this.routes.push({ method, pattern: path, access, handler: (ctx) => handler(ctx as AuthedContext) });
    return this;
  }

  mount(server: EmulatorServer): void {
    for (const method of METHODS) server.route(method, /^(.*)$/, (req) => this.dispatch(req));
    server.onNotFound(() => errors.notFound());
  }

  private async dispatch(req: EmulatorRequest): Promise<EmulatorResponse> {
    const matching = this.routes.filter((r) => r.pattern.test(req.path));
    if (matching.length === 0) return this.notFound(req);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = matching.find((r) => r.method === method);
    if (!route) {
      const allow = [...new Set(matching.map((r) => r.method)), 'OPTIONS'].join(', ');
      if (method === 'OPTIONS') return { status: 200, headers: { allow }, body: { status: 'success' } };
      return { ...errors.methodNotAllowed(req.method), headers: { allow } };
    }

    const auth = this.authenticate(req);
    if (auth === 'invalid') return errors.invalidToken();
    if (route.access !== 'public') {
      if (!auth) return errors.invalidToken();
      if (auth.pending && route.access !== 'mfa') return this.mfaRequired(auth);
    }

    let body: Record<string, unknown> = {};
    if (BODY_METHODS.has(req.method)) {
      const parsed = jsonBody(req);
      if (!parsed.ok) return parsed.response;
      body = parsed.body;
    }
    const params = route.pattern.exec(req.path)!.slice(1);
    return route.handler({ req, body, caller: auth, params });
  }

  mfaRequired(caller: Caller): EmulatorResponse {
    const challenges = this.state.openChallenges(caller.record.token).map(serializeChallenge);
    return fail(403, 'Multi-factor authentication required.', { challenges });
  }

  /** Django's APPEND_SLASH: a known path without its trailing slash is redirected, not served. */
  private notFound(req: EmulatorRequest): EmulatorResponse {
    if (!req.path.endsWith('/') && this.routes.some((r) => r.pattern.test(`${req.path}/`))) {
      const query = req.query.toString();
      return { status: 301, headers: { location: `${req.path}/${query ? `?${query}` : ''}` } };
    }
    return errors.notFound();
  }

  /** DRF TokenAuthentication: another scheme is anonymous; a malformed or unknown `Token` is a 401. */
  private authenticate(req: EmulatorRequest): Caller | 'invalid' | undefined {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const parts = header.trim().split(/\s+/);
    if (parts[0]!.toLowerCase() !== 'token') return undefined;
    if (parts.length !== 2) return 'invalid';
    const resolved = this.state.resolveToken(parts[1]!);
    if (!resolved) return 'invalid';
    const pending = this.state.isPending(resolved.record.token);
    if (pending && this.state.openChallenges(resolved.record.token).length === 0) {
      // Its challenge expired unsolved: the login is over, the token cannot be unlocked any more.
      this.state.tokens.delete(resolved.record.token);
      return 'invalid';
    }
    return { ...resolved, pending };
  }
}
