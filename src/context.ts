import { randomUUID } from 'node:crypto';
import type { Session } from './auth/session.js';
import { unauthenticated, upstreamUnavailable } from './errors.js';
import type { Logger } from './logger.js';
import { HrDataSource } from './datasources/hr/index.js';
import type { Services } from './services.js';
import type { UpstreamName } from './upstreams.js';

/** Per-request context: who is calling, and per-request datasources (their DataLoaders). */
export interface GatehouseContext {
  requestId: string;
  logger: Logger;
  clientIp: string;
  services: Services;
  /** The caller's session; undefined when no valid token was sent. */
  session: Session | undefined;
  /** A token was sent but is unknown or expired. */
  sessionInvalid: boolean;
  readonly hr: HrDataSource;
}

export interface ContextInput {
  authorization: string | undefined;
  clientIp: string;
  requestId?: string;
}

/** `Authorization: Bearer <token>`; anything else is treated as no token. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

export async function createContext(services: Services, input: ContextInput): Promise<GatehouseContext> {
  const requestId = input.requestId ?? randomUUID();
  const token = bearerToken(input.authorization);
  const session = token ? await services.sessions.resolve(token) : undefined;
  const sessionInvalid = input.authorization !== undefined && input.authorization !== '' && !session;
  const context = {
    requestId,
    logger: services.logger.child({ requestId }),
    clientIp: input.clientIp,
    services,
    session,
    sessionInvalid,
  } as GatehouseContext;
  lazy(context, 'hr', () => {
    if (!services.hr) throw upstreamUnavailable('hr', 'is not configured');
    return new HrDataSource(services.hr, session?.accounts.hr ? services.sessions.slot(session.id, 'hr') : undefined);
  });
  return context;
}

/** The caller's session, or UNAUTHENTICATED. */
export function requireSession(context: GatehouseContext): Session {
  if (!context.session) throw unauthenticated(undefined, context.sessionInvalid ? 'The session token is unknown or has expired. Sign in again.' : undefined);
  return context.session;
}

/** Whether the session has an account for an upstream. */
export const hasAccount = (context: GatehouseContext, upstream: UpstreamName): boolean => Boolean(context.session?.accounts[upstream]);

// Datasources are built on first use: most requests touch one or two upstreams.
function lazy<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = build();
      Object.defineProperty(target, key, { value, enumerable: true });
      return value;
    },
  });
}
