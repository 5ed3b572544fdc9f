import { z } from 'zod';
import type { UpstreamName } from './upstreams.js';

/**
 * The only reader of process.env. Every variable is validated here; a bad value stops start-up
 * with a message naming the variable.
 */

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const url = z
  .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
  // zod runs refinements after a failed format check too: an unparsable value must not throw here.
  .refine((value) => !URL.canParse(value) || (!new URL(value).search && !new URL(value).hash), 'must not have a query or fragment');

/**
 * OpenTelemetry's `key=value,key2=value2` lists (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES):
 * values are percent-decoded. The message never repeats the value: headers carry credentials.
 */
const keyValueList = z.string().transform((value, ctx) => {
  const pairs: Record<string, string> = {};
  for (const item of value.split(',')) {
    if (!item.trim()) continue;
    const at = item.indexOf('=');
    const key = at > 0 ? item.slice(0, at).trim() : '';
    let decoded: string | undefined;
    try {
      decoded = at > 0 ? decodeURIComponent(item.slice(at + 1).trim()) : undefined;
    } catch {
      decoded = undefined;
    }
    if (!key || decoded === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be key=value pairs, comma-separated, values percent-encoded' });
      return z.NEVER;
    }
    pairs[key] = decoded;
  }
  return pairs;
});

const otlpProtocol = z.enum(['http/protobuf', 'http/json', 'grpc']).refine((value) => value !== 'grpc', 'grpc is not supported: use http/protobuf (the default) or http/json');

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65_535).default(4000),
  METRICS_PORT: int(0, 65_535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),

  LENEL_URL: url.optional(),
  FORENSIC_URL: url.optional(),
  HR_URL: url.optional(),
  REHIVE_URL: url.optional(),
  FORENSIC_API_VERSION: z.enum(['5', '6']).default('6').transform(Number),
  LENEL_SERVICE_USERNAME: z.string().min(1).optional(),
  LENEL_SERVICE_PASSWORD: z.string().min(1).optional(),
  LENEL_CACHE_TTL_MS: int(0, 600_000).default(5_000),
  LENEL_CACHE_MAX_BYTES: int(1_048_576).default(512 * 1024 * 1024),
  EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  EMPLOYEE_LINK_UPSTREAMS: z
    .string()
    .default('HR,REHIVE')
    .transform((value) => value.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.enum(['hr', 'rehive', 'forensic'], { message: 'must list HR, REHIVE or FORENSIC, comma-separated' }))),

  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_TIMEOUT_MS: int(1).default(1_000),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_TTL_SECONDS: int(1).default(1_800),
  SESSION_ABSOLUTE_TTL_SECONDS: int(1).default(43_200),
  SESSION_COOKIE: bool.default(false),

  UPSTREAM_CONNECT_TIMEOUT_MS: int(1).default(2_000),
  UPSTREAM_HEADERS_TIMEOUT_MS: int(1).default(5_000),
  UPSTREAM_BODY_TIMEOUT_MS: int(1).default(10_000),
  UPSTREAM_DEADLINE_MS: int(1).default(10_000),
  UPSTREAM_CONNECTIONS: int(1, 1_024).default(32),
  UPSTREAM_MAX_RESPONSE_BYTES: int(1_024).default(64 * 1024 * 1024),
  UPSTREAM_RETRIES: int(0, 10).default(2),
  UPSTREAM_RETRY_AFTER_MAX_MS: int(0).default(2_000),
  // cockatiel's sampling breaker takes a ratio strictly between 0 and 1
  CIRCUIT_FAILURE_RATIO: z.coerce.number().gt(0).lt(1).default(0.5),
  CIRCUIT_WINDOW_MS: int(100).default(10_000),
  CIRCUIT_MIN_CALLS: int(1).default(20),
  CIRCUIT_HALF_OPEN_AFTER_MS: int(1).default(10_000),

  BODY_LIMIT_BYTES: int(1_024).default(100_000),
  CORS_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isOrigin, 'must be origins like https://app.example.com, comma-separated (no path, no "*")')))
    .optional(),
  COMPRESSION: bool.default(true),
  COMPRESSION_MIN_BYTES: int(0).default(1_024),
  HTTP_REQUEST_TIMEOUT_MS: int(1).default(30_000),
  HTTP_HEADERS_TIMEOUT_MS: int(1).default(10_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: int(1).default(72_000),
  HTTP_MAX_CONNECTIONS: int(1).default(4_096),
  MAX_DEPTH: int(1).default(12),
  MAX_ALIASES: int(0).default(30),
  MAX_ROOT_FIELDS: int(1).default(20),
  MAX_COST: int(1).default(50_000),
  INTROSPECTION: bool.optional(),
  SCHEMA_ENDPOINT: bool.optional(),
  FIELD_SUGGESTIONS: bool.optional(),
  SHUTDOWN_GRACE_MS: int(0).default(10_000),

  SIGN_IN_MAX_CONSECUTIVE_FAILURES: int(1).default(10),
  SIGN_IN_MAX_FAILURES_PER_IP: int(1).default(100),
  SIGN_IN_MAX_FAILURES_PER_LOGIN: int(1).default(200),
  CODE_MAX_CONSECUTIVE_FAILURES: int(1).default(5),
  CODE_MAX_FAILURES_PER_IP: int(1).default(30),
  CODE_MAX_FAILURES_PER_TARGET: int(1).default(60),
  FAILURE_WINDOW_SECONDS: int(1).default(86_400),
  FAILURE_BLOCK_SECONDS: int(1).default(3_600),
  MESSAGE_LIMIT_PER_TARGET: int(1).default(5),
  MESSAGE_LIMIT_PER_IP: int(1).default(30),
  REGISTRATION_LIMIT_PER_IP: int(1).default(20),
  REQUEST_LIMIT_WINDOW_SECONDS: int(1).default(3_600),

  PERSISTED_DOCUMENTS: z.string().min(1).optional(),
  PERSISTED_DOCUMENTS_ONLY: bool.default(false),

  // OpenTelemetry's standard variables, as the SDK spells them; the signal-specific (TRACES) ones win.
  OTEL_SDK_DISABLED: bool.default(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_HEADERS: keyValueList.optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: keyValueList.optional(),
  OTEL_EXPORTER_OTLP_TIMEOUT: int(1).optional(),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: int(1).optional(),
  OTEL_EXPORTER_OTLP_COMPRESSION: z.enum(['gzip', 'none']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: z.enum(['gzip', 'none']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_RESOURCE_ATTRIBUTES: keyValueList.optional(),
  OTEL_TRACES_SAMPLER: z.enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']).default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: int(0).default(5_000),
  OTEL_BSP_EXPORT_TIMEOUT: int(1).default(30_000),
  OTEL_BSP_MAX_QUEUE_SIZE: int(1).default(2_048),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: int(1).default(512),
  TRACING_RESOLVER_SPANS: bool.default(false),
});

/** `scheme://host[:port]` exactly as a browser sends it in `Origin`. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

export interface UpstreamConfig {
  url: string | undefined;
}

export interface Config {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  /** A separate listener for /metrics (e.g. on an internal interface); undefined: /metrics on the main port. */
  metricsListener: { host: string; port: number } | undefined;
  logLevel: string;
  trustProxy: boolean;
  /** No upstream URL configured: run the built-in emulators. */
  demo: boolean;
  upstreams: Record<UpstreamName, UpstreamConfig>;
  forensicApiVersion: 5 | 6;
  lenelService: { username: string; password: string } | undefined;
  lenelCacheTtlMs: number;
  /** The shared lenel list cache's limit, in estimated heap bytes. */
  lenelCacheMaxBytes: number;
  /** Queries run compiled (graphql-jit) or interpreted (graphql-js); mutations always on graphql-js. */
  executor: 'jit' | 'graphql-js';
  /** Upstreams whose users the lenel service account may link to a cardholder by (vouched) e-mail. */
  employeeLinkUpstreams: ReadonlySet<UpstreamName>;
  session: {
    secret: string | undefined;
    idleTtlSeconds: number;
    absoluteTtlSeconds: number;
    redisUrl: string | undefined;
    redisTimeoutMs: number;
    /** Browser apps: the token also travels in an HttpOnly cookie, used when no Authorization header is sent. */
    cookie: boolean;
  };
  http: {
    connectTimeoutMs: number;
    headersTimeoutMs: number;
    bodyTimeoutMs: number;
    deadlineMs: number;
    connections: number;
    maxResponseBytes: number;
    retries: number;
    retryAfterMaxMs: number;
    /** The circuit opens when more than this share of the calls in the window failed… */
    circuitFailureRatio: number;
    circuitWindowMs: number;
    /** …and the window holds at least this many calls (a quiet upstream's few failures never open it). */
    circuitMinCalls: number;
    circuitHalfOpenAfterMs: number;
  };
  /** Browser apps on other origins that may call the gateway (with credentials); empty: same-origin only. */
  corsOrigins: ReadonlySet<string>;
  /** Response compression (gzip, br) for bodies of at least `minBytes`; undefined: off. */
  compression: { minBytes: number } | undefined;
  /** The gateway's own HTTP server: how long a client may take, how many may connect. */
  server: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
  };
  limits: {
    bodyBytes: number;
    depth: number;
    aliases: number;
    rootFields: number;
    cost: number;
  };
  introspection: boolean;
  /** Serve the SDL at `GET /schema.graphql`. */
  schemaEndpoint: boolean;
  /** "Did you mean …?" in validation errors */
  fieldSuggestions: boolean;
  shutdownGraceMs: number;
  attemptLimits: AttemptLimitSettings;
  /** Trusted documents: the manifest to load at start-up, and whether only its documents are accepted. */
  persistedDocuments: { path: string; only: boolean } | undefined;
  /** OpenTelemetry tracing; undefined (no OTLP endpoint): off, and nothing of the SDK is loaded. */
  tracing: TracingSettings | undefined;
}

/**
 * What the OpenTelemetry SDK is built from (src/tracing-sdk.ts): the standard OTEL_* variables,
 * validated here and handed over explicitly, so that these values are the ones in force.
 */
export interface TracingSettings {
  /** The OTLP/HTTP traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, or OTEL_EXPORTER_OTLP_ENDPOINT + `v1/traces`. */
  url: string;
  protocol: 'http/protobuf' | 'http/json';
  /** Sent with every export (a collector's or vendor's credentials): never logged. */
  headers: Record<string, string>;
  timeoutMs: number;
  compression: 'gzip' | 'none';
  serviceName: string;
  resourceAttributes: Record<string, string>;
  sampler: { name: 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio'; ratio: number };
  batch: { scheduleDelayMs: number; exportTimeoutMs: number; maxQueueSize: number; maxExportBatchSize: number };
  /** A span per resolver call (fields with a resolver of their own): off by default, it costs (bench/RESULTS.md). */
  resolverSpans: boolean;
}

/** The numbers behind the abuse-limit policies (src/auth/attempt-limits.ts). */
export interface GuessNumbers {
  /** Failures in a row of one subject from one IP before that pair is blocked. */
  consecutive: number;
  /** Failures from one IP, any subject, per window. */
  perIp: number;
  /** Failures at one subject, any IP, per window. */
  perSubject: number;
}

export interface AttemptLimitSettings {
  signIn: GuessNumbers;
  code: GuessNumbers;
  /** How long failures are remembered: the window of the per-IP and per-subject budgets and of a run of failures. */
  failureWindowSeconds: number;
  /** How long a (subject, IP) pair stays blocked after its run of failures. */
  pairBlockSeconds: number;
  messagePerTarget: number;
  messagePerIp: number;
  registrationPerIp: number;
  requestWindowSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const demo = !e.LENEL_URL && !e.FORENSIC_URL && !e.HR_URL && !e.REHIVE_URL;
  if (!demo && !e.SESSION_SECRET) throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required when upstream URLs are set');
  if (Boolean(e.LENEL_SERVICE_USERNAME) !== Boolean(e.LENEL_SERVICE_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  LENEL_SERVICE_PASSWORD: set both LENEL_SERVICE_USERNAME and LENEL_SERVICE_PASSWORD, or neither');
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  if (e.PERSISTED_DOCUMENTS_ONLY && !e.PERSISTED_DOCUMENTS) {
    throw new ConfigError('Invalid configuration:\n  PERSISTED_DOCUMENTS_ONLY: needs PERSISTED_DOCUMENTS (the manifest)');
  }
  if (e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE > e.OTEL_BSP_MAX_QUEUE_SIZE) {
    throw new ConfigError('Invalid configuration:\n  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: must not exceed OTEL_BSP_MAX_QUEUE_SIZE');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    metricsListener: e.METRICS_PORT === undefined ? undefined : { host: e.METRICS_HOST ?? e.HOST, port: e.METRICS_PORT },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    demo,
    upstreams: {
      lenel: { url: e.LENEL_URL },
      forensic: { url: e.FORENSIC_URL },
      hr: { url: e.HR_URL },
      rehive: { url: e.REHIVE_URL },
    },
    forensicApiVersion: e.FORENSIC_API_VERSION as 5 | 6,
    lenelService: e.LENEL_SERVICE_USERNAME ? { username: e.LENEL_SERVICE_USERNAME, password: e.LENEL_SERVICE_PASSWORD! } : undefined,
    lenelCacheTtlMs: e.LENEL_CACHE_TTL_MS,
    lenelCacheMaxBytes: e.LENEL_CACHE_MAX_BYTES,
    executor: e.EXECUTOR,
    employeeLinkUpstreams: new Set(e.EMPLOYEE_LINK_UPSTREAMS),
    session: {
      secret: e.SESSION_SECRET,
      idleTtlSeconds: e.SESSION_IDLE_TTL_SECONDS,
      absoluteTtlSeconds: e.SESSION_ABSOLUTE_TTL_SECONDS,
      redisUrl: e.REDIS_URL,
      redisTimeoutMs: e.REDIS_TIMEOUT_MS,
      cookie: e.SESSION_COOKIE,
    },
    http: {
      connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: e.UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: e.UPSTREAM_BODY_TIMEOUT_MS,
      deadlineMs: e.UPSTREAM_DEADLINE_MS,
      connections: e.UPSTREAM_CONNECTIONS,
      maxResponseBytes: e.UPSTREAM_MAX_RESPONSE_BYTES,
      retries: e.UPSTREAM_RETRIES,
      retryAfterMaxMs: e.UPSTREAM_RETRY_AFTER_MAX_MS,
      circuitFailureRatio: e.CIRCUIT_FAILURE_RATIO,
      circuitWindowMs: e.CIRCUIT_WINDOW_MS,
      circuitMinCalls: e.CIRCUIT_MIN_CALLS,
      circuitHalfOpenAfterMs: e.CIRCUIT_HALF_OPEN_AFTER_MS,
    },
    corsOrigins: new Set(e.CORS_ORIGINS ?? []),
    compression: e.COMPRESSION ? { minBytes: e.COMPRESSION_MIN_BYTES } : undefined,
    server: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    limits: { bodyBytes: e.BODY_LIMIT_BYTES, depth: e.MAX_DEPTH, aliases: e.MAX_ALIASES, rootFields: e.MAX_ROOT_FIELDS, cost: e.MAX_COST },
    introspection: e.INTROSPECTION ?? e.NODE_ENV !== 'production',
    schemaEndpoint: e.SCHEMA_ENDPOINT ?? e.NODE_ENV !== 'production',
    fieldSuggestions: e.FIELD_SUGGESTIONS ?? e.NODE_ENV !== 'production',
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    attemptLimits: {
      signIn: { consecutive: e.SIGN_IN_MAX_CONSECUTIVE_FAILURES, perIp: e.SIGN_IN_MAX_FAILURES_PER_IP, perSubject: e.SIGN_IN_MAX_FAILURES_PER_LOGIN },
      code: { consecutive: e.CODE_MAX_CONSECUTIVE_FAILURES, perIp: e.CODE_MAX_FAILURES_PER_IP, perSubject: e.CODE_MAX_FAILURES_PER_TARGET },
      failureWindowSeconds: e.FAILURE_WINDOW_SECONDS,
      pairBlockSeconds: e.FAILURE_BLOCK_SECONDS,
      messagePerTarget: e.MESSAGE_LIMIT_PER_TARGET,
      messagePerIp: e.MESSAGE_LIMIT_PER_IP,
      registrationPerIp: e.REGISTRATION_LIMIT_PER_IP,
      requestWindowSeconds: e.REQUEST_LIMIT_WINDOW_SECONDS,
    },
    persistedDocuments: e.PERSISTED_DOCUMENTS ? { path: e.PERSISTED_DOCUMENTS, only: e.PERSISTED_DOCUMENTS_ONLY } : undefined,
    tracing: tracingSettings(e),
  };
}

function tracingSettings(e: z.infer<typeof envSchema>): TracingSettings | undefined {
  const url = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/*$/, '/')}v1/traces`);
  if (!url || e.OTEL_SDK_DISABLED) return undefined;
  return {
    url,
    protocol: e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    // Combined, the signal-specific ones winning a name both set (as the SDK does).
    headers: { ...e.OTEL_EXPORTER_OTLP_HEADERS, ...e.OTEL_EXPORTER_OTLP_TRACES_HEADERS },
    timeoutMs: e.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? e.OTEL_EXPORTER_OTLP_TIMEOUT ?? 10_000,
    compression: e.OTEL_EXPORTER_OTLP_TRACES_COMPRESSION ?? e.OTEL_EXPORTER_OTLP_COMPRESSION ?? 'none',
    serviceName: e.OTEL_SERVICE_NAME ?? e.OTEL_RESOURCE_ATTRIBUTES?.['service.name'] ?? 'gatehouse',
    resourceAttributes: e.OTEL_RESOURCE_ATTRIBUTES ?? {},
    sampler: { name: e.OTEL_TRACES_SAMPLER, ratio: e.OTEL_TRACES_SAMPLER_ARG ?? 1 },
    batch: {
      scheduleDelayMs: e.OTEL_BSP_SCHEDULE_DELAY,
      exportTimeoutMs: e.OTEL_BSP_EXPORT_TIMEOUT,
      maxQueueSize: e.OTEL_BSP_MAX_QUEUE_SIZE,
      maxExportBatchSize: e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE,
    },
    resolverSpans: e.TRACING_RESOLVER_SPANS,
  };
}
