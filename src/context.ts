import { randomUUID } from 'node:crypto';
import type { RequestReport } from './access-log.js';
import type { AttemptLimits } from './auth/attempt-limits.js';
import { RequestSession, type SessionTransport } from './auth/session.js';
import type { AccountDataSource } from './datasources/core/upstream.js';
import type { AnyUpstream, DataSources } from './datasources/index.js';
import { ErrorCode, GatehouseError, serviceUnavailable, upstreamUnavailable } from './errors.js';
import type { Logger } from './logger.js';
import type { Services } from './services.js';
import { UPSTREAMS, type UpstreamName } from './upstreams.js';

/**
 * Per-request context: who is calling (their session, through which every change to it goes), the
 * abuse limits, and one data source per upstream. Resolvers reach upstreams only through these.
 */
export interface GatehouseContext extends Readonly<DataSources> {
  requestId: string;
  /** What the access log and metrics say about this request. */
  report: RequestReport;
  readonly logger: Logger;
  clientIp: string;
  /** The caller's Gatehouse session for this request (possibly none yet). */
  readonly session: RequestSession;
  /** Abuse limits by policy name. */
  readonly limits: AttemptLimits;
  /** The data source of an upstream named at run time (sign-in, sign-out). */
  upstream(name: UpstreamName): AccountDataSource;
}

export interface ContextInput {
  /** The Authorization header: its bearer token wins over the session cookie when both are sent. */
  authorization: string | undefined;
  /** The session cookie's value (SESSION_COOKIE=true), used when no Authorization header is sent. */
  sessionCookie?: string | undefined;
  /** Where a new token goes besides the payload (the session cookie); default: nowhere. */
  sessionTransport?: SessionTransport;
  clientIp: string;
  requestId?: string;
  report?: RequestReport;
}

/** What a session token looks like (base64url); anything else is treated as no token. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** `Authorization: Bearer <token>`; anything else is treated as no token. */
function bearerToken(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return token && TOKEN.test(token) ? token : undefined;
}

/** The token the request presents: the Authorization header's, else the session cookie's. */
function presentedToken(input: ContextInput): { sent: boolean; token: string | undefined } {
  if (input.authorization) return { sent: true, token: bearerToken(input.authorization) };
  if (input.sessionCookie) return { sent: true, token: TOKEN.test(input.sessionCookie) ? input.sessionCookie : undefined };
  return { sent: false, token: undefined };
}

export async function createContext(services: Services, input: ContextInput): Promise<GatehouseContext> {
  const { sent, token } = presentedToken(input);
  const resolved = token ? await services.sessions.resolve(token).catch(wholeRequestUnavailable) : undefined;
  const session = new RequestSession(services.sessions, token && resolved ? { token, session: resolved } : undefined, sent && !resolved, input.sessionTransport);
  // Data sources are built on first use (most requests touch one or two upstreams) and kept on the
  // context. The getters live on the prototype: Apollo Server copies the context's own enumerable
  // properties into a clone per operation (Object.assign), which would otherwise build every one.
  const prototype = {
    upstream(this: GatehouseContext, name: UpstreamName): AccountDataSource {
      return this[name];
    },
  } as GatehouseContext;
  // The request's logger, made on first use (most requests log nothing themselves): its lines carry
  // the request id. The data sources get the id itself and hand it to the upstream client with each
  // call; both cost less than an AsyncLocalStorage scope around every request.
  Object.defineProperty(prototype, 'logger', {
    configurable: true,
    enumerable: false,
    get(this: GatehouseContext) {
      const logger = services.logger.child({ requestId: this.requestId });
      Object.defineProperty(this, 'logger', { value: logger, configurable: true, enumerable: false });
      return logger;
    },
  });
  for (const name of UPSTREAMS) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: GatehouseContext) {
        const upstream = services.upstreams[name];
        if (!upstream) throw upstreamUnavailable(name, 'is not configured');
        const dataSource = (upstream as AnyUpstream).dataSource(session.slot(name), this.requestId);
        Object.defineProperty(this, name, { value: dataSource, configurable: true, enumerable: false });
        return dataSource;
      },
    });
  }
  return Object.assign(Object.create(prototype) as GatehouseContext, {
    requestId: input.requestId ?? randomUUID(),
    report: input.report ?? { operationName: null, operationType: 'unknown', errorCodes: [] },
    clientIp: input.clientIp,
    session,
    limits: services.limits,
  });
}

/** A session that cannot be resolved leaves nothing to serve: the whole request is a 503 with Retry-After. */
function wholeRequestUnavailable(error: unknown): never {
  if (error instanceof GatehouseError && error.code === ErrorCode.SERVICE_UNAVAILABLE) throw serviceUnavailable('request');
  throw error;
}
