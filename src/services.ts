import type { Config } from './config.js';
import { createAttemptLimits, type AttemptLimits } from './auth/attempt-limits.js';
import { SessionService } from './auth/session.js';
import { MemorySessionStore, type SessionStore } from './auth/session-store.js';
import { RedisSessionStore } from './auth/redis-session-store.js';
import { traceSessionStore } from './auth/traced-session-store.js';
import { UpstreamClient } from './datasources/core/http-client.js';
import { processLock } from './datasources/core/refresh-lock.js';
import type { AccountDataSource, UpstreamModule } from './datasources/core/upstream.js';
import { UPSTREAM_MODULES, type Upstreams } from './datasources/index.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { RedisConnection } from './redis/connection.js';
import { RedisListShare } from './redis/list-share.js';
import { RedisRefreshLock } from './redis/refresh-lock.js';
import { unshared } from './datasources/core/list-share.js';
import { UPSTREAMS } from './upstreams.js';

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
  /** Each configured upstream, built from its module (absent: no URL configured). */
  upstreams: Partial<Upstreams>;
  close(): Promise<void>;
}

export function createServices(config: Config, logger: Logger, metrics: Metrics, sessionSecret: string, now: () => number = Date.now): Services {
  // Redis when configured: several replicas share sessions, attempt counts and refresh locks.
  const connection = config.session.redisUrl ? new RedisConnection(config.session.redisUrl, config.session.redisTimeoutMs, logger) : undefined;
  const redis = connection?.client;
  const store: SessionStore = traceSessionStore(redis ? new RedisSessionStore(redis, undefined, now) : new MemorySessionStore(now), redis ? 'redis' : 'memory');
  // A lock lasts as long as an upstream call may, and a little: a refresh is one upstream call
  // between two store reads.
  const holdMs = config.http.deadlineMs + 1_000;
  // A waiting replica that gave up would spend the same rotating refresh token (and be signed out):
  // it waits for as long as the lock may be held.
  const refreshLock = redis ? new RedisRefreshLock(redis, { holdMs, waitMs: holdMs }) : processLock;
  // One upstream read of a list per account and cache lifetime across replicas; a waiting replica
  // gives up (and reads itself) when the reading one takes longer than an upstream call may.
  const listShare = redis ? new RedisListShare(redis, { waitMs: config.http.deadlineMs, lockMs: holdMs }) : unshared;
  const upstreams: Partial<Record<keyof Upstreams, unknown>> = {};
  for (const name of UPSTREAMS) {
    const url = config.upstreams[name].url;
    if (!url) continue;
    const client = new UpstreamClient(name, url, config.http, logger, metrics);
    const module: UpstreamModule<AccountDataSource> = UPSTREAM_MODULES[name];
    upstreams[name] = module.create({ client, config, logger, refreshLock, now, listShare });
  }
  const built = upstreams as Partial<Upstreams>;
  return {
    config,
    logger,
    metrics,
    sessions: new SessionService(store, sessionSecret, config.session, now),
    store,
    redis: connection,
    limits: createAttemptLimits(config.attemptLimits, sessionSecret, redis),
    upstreams: built,
    async close() {
      await Promise.all(Object.values(built).map((upstream) => upstream.client.close()));
      await store.close();
      await connection?.close();
    },
  };
}
