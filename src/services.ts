import type { Config } from './config.js';
import { upstreamUnavailable } from './errors.js';
import type { AccountUpstream } from './auth/accounts.js';
import { createAttemptLimits, type AttemptLimits } from './auth/attempt-limits.js';
import { SessionService } from './auth/session.js';
import { MemorySessionStore, type SessionStore } from './auth/session-store.js';
import { RedisConnection } from './redis/connection.js';
import { RedisSessionStore } from './auth/redis-session-store.js';
import { processLock } from './datasources/core/refresh-lock.js';
import { RedisRefreshLock } from './redis/refresh-lock.js';
import { UpstreamClient } from './datasources/core/http-client.js';
import { HrUpstream } from './datasources/hr/index.js';
import { ForensicUpstream } from './datasources/forensic/index.js';
import { RehiveUpstream } from './datasources/rehive/index.js';
import { LenelUpstream } from './datasources/lenel/index.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { UPSTREAMS, type UpstreamName } from './upstreams.js';

/** Process-wide singletons: one per gateway instance, shared by every request. */
export interface Services {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  sessions: SessionService;
  store: SessionStore;
  /** The Redis connection behind the store, when REDIS_URL is set. */
  redis: RedisConnection | undefined;
  /** Abuse limits by policy name (sign-in, codes, password checks, messages, registrations). */
  limits: AttemptLimits;
  /** One HTTP client per configured upstream (their pools, circuits). */
  clients: Partial<Record<UpstreamName, UpstreamClient>>;
  /** The upstreams people sign in to, by name. */
  accounts: Partial<Record<UpstreamName, AccountUpstream>>;
  hr: HrUpstream | undefined;
  forensic: ForensicUpstream | undefined;
  rehive: RehiveUpstream | undefined;
  lenel: LenelUpstream | undefined;
  close(): Promise<void>;
}

/** An upstream's process-wide part, or UPSTREAM_UNAVAILABLE when no URL is configured for it. */
export function configured<T>(upstream: T | undefined, name: UpstreamName): T {
  if (!upstream) throw upstreamUnavailable(name, 'is not configured');
  return upstream;
}

export function createServices(config: Config, logger: Logger, metrics: Metrics, sessionSecret: string): Services {
  const clients: Partial<Record<UpstreamName, UpstreamClient>> = {};
  for (const name of UPSTREAMS) {
    const url = config.upstreams[name].url;
    if (url) clients[name] = new UpstreamClient(name, url, config.http, logger, metrics);
  }
  // Redis when configured: several replicas share sessions and attempt counts.
  const connection = config.session.redisUrl ? new RedisConnection(config.session.redisUrl, config.session.redisTimeoutMs, logger) : undefined;
  const redis = connection?.client;
  const store: SessionStore = redis ? new RedisSessionStore(redis) : new MemorySessionStore();
  const sessions = new SessionService(store, sessionSecret, config.session);
  const refreshLock = redis ? new RedisRefreshLock(redis) : processLock;
  const hr = clients.hr && new HrUpstream(clients.hr, refreshLock);
  const forensic = clients.forensic && new ForensicUpstream(clients.forensic, config.forensicApiVersion, refreshLock);
  const rehive = clients.rehive && new RehiveUpstream(clients.rehive, sessions);
  const lenel = clients.lenel && new LenelUpstream(clients.lenel, { cacheTtlMs: config.lenelCacheTtlMs, cacheMaxAccounts: config.lenelCacheMaxAccounts, service: config.lenelService, linkUpstreams: config.employeeLinkUpstreams, refreshLock });
  const services: Services = {
    config,
    logger,
    metrics,
    sessions,
    store,
    redis: connection,
    limits: createAttemptLimits(config.attemptLimits, sessionSecret, redis),
    clients,
    accounts: { ...(hr ? { hr } : {}), ...(lenel ? { lenel } : {}), ...(rehive ? { rehive } : {}), ...(forensic ? { forensic } : {}) },
    hr,
    forensic,
    rehive,
    lenel,
    async close() {
      await Promise.all(Object.values(clients).map((client) => client.close()));
      await store.close();
      await connection?.close();
    },
  };
  return services;
}
