import { randomUUID } from 'node:crypto';
import type { RequestReport } from './access-log.js';
import type { Session } from './auth/session.js';
import { ErrorCode, GatehouseError, serviceUnavailable, unauthenticated } from './errors.js';
import type { Logger } from './logger.js';
import { HrDataSource } from './datasources/hr/index.js';
import { ForensicDataSource } from './datasources/forensic/index.js';
import { RehiveDataSource } from './datasources/rehive/index.js';
import { LenelDataSource } from './datasources/lenel/index.js';
import { configured, type Services } from './services.js';

/** Per-request context: who is calling, and per-request datasources (their DataLoaders). */
export interface GatehouseContext {
  requestId: string;
  /** What the access log and metrics say about this request. */
  report: RequestReport;
  readonly logger: Logger;
  clientIp: string;
  services: Services;
  /** The caller's session; undefined when no valid token was sent. */
  session: Session | undefined;
  /** A token was sent but is unknown or expired. */
  sessionInvalid: boolean;
  readonly hr: HrDataSource;
  readonly forensic: ForensicDataSource;
  readonly rehive: RehiveDataSource;
  readonly lenel: LenelDataSource;
}

export interface ContextInput {
  authorization: string | undefined;
  clientIp: string;
  requestId?: string;
  report?: RequestReport;
}

/** `Authorization: Bearer <token>`; anything else is treated as no token. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

export async function createContext(services: Services, input: ContextInput): Promise<GatehouseContext> {
  const requestId = input.requestId ?? randomUUID();
  const token = bearerToken(input.authorization);
  const session = token ? await services.sessions.resolve(token).catch(wholeRequestUnavailable) : undefined;
  const sessionInvalid = input.authorization !== undefined && input.authorization !== '' && !session;
  // The datasource getters live on the prototype: Apollo Server copies the context's own enumerable
  // properties into a clone per operation (Object.assign), which would otherwise call every getter.
  const datasources = {} as GatehouseContext;
  lazy(datasources, 'hr', (self) => {
    return new HrDataSource(configured(services.hr, 'hr'), self.session?.accounts.hr ? services.sessions.slot(self.session.id, 'hr') : undefined);
  });
  lazy(datasources, 'forensic', (self) => {
    return new ForensicDataSource(configured(services.forensic, 'forensic'), self.session?.accounts.forensic ? services.sessions.slot(self.session.id, 'forensic') : undefined);
  });
  lazy(datasources, 'rehive', (self) => {
    // The context itself is the session holder: sign-outs and solved challenges show in later fields.
    return new RehiveDataSource(configured(services.rehive, 'rehive'), self);
  });
  lazy(datasources, 'lenel', (self) => {
    const lenel = configured(services.lenel, 'lenel');
    return new LenelDataSource(lenel, lenel.sessionReader(services.sessions, self.session));
  });
  return Object.assign(Object.create(datasources) as GatehouseContext, {
    requestId,
    report: input.report ?? { operationName: null, operationType: 'unknown', errorCodes: [] },
    // The request id reaches every line through the logger's request scope (src/logger.ts).
    logger: services.logger,
    clientIp: input.clientIp,
    services,
    session,
    sessionInvalid,
  });
}

/** A session that cannot be resolved leaves nothing to serve: the whole request is a 503 with Retry-After. */
function wholeRequestUnavailable(error: unknown): never {
  if (error instanceof GatehouseError && error.code === ErrorCode.SERVICE_UNAVAILABLE) throw serviceUnavailable('request');
  throw error;
}

/** The caller's session, or UNAUTHENTICATED. */
export function requireSession(context: GatehouseContext): Session {
  if (!context.session) throw unauthenticated(undefined, context.sessionInvalid ? 'The session token is unknown or has expired. Sign in again.' : undefined);
  return context.session;
}

// Datasources are built on first use: most requests touch one or two upstreams. The getter sits on
// `prototype` and caches the datasource on the context object it is read from (`self`).
function lazy<K extends keyof GatehouseContext>(prototype: GatehouseContext, key: K, build: (self: GatehouseContext) => GatehouseContext[K]): void {
  Object.defineProperty(prototype, key, {
    configurable: true,
    enumerable: false,
    get(this: GatehouseContext) {
      const value = build(this);
      Object.defineProperty(this, key, { value, configurable: true, enumerable: false });
      return value;
    },
  });
}
