import { randomBytes } from 'node:crypto';

/** Who runs, in which process, with which environment. Each contestant is `runner.ts <kind>` in its own process. */
export interface ContestantSpec {
  id: string;
  label: string;
  kind: 'gatehouse' | 'naive' | 'good-apollo' | 'limit' | 'floor';
  env: Record<string, string>;
  /** Node options of the contestant's process (Gatehouse: the same as `npm start`). */
  execArgv?: string[];
  /** Processes behind one contestant (gateway replicas sharing Redis); default 1. */
  replicas?: number;
  /** Needs the harness's redis-server (REDIS_URL is set in `env`). */
  redis?: boolean;
  /** Runs only when named in `--contestants` (the tracing variants: they need the OTLP sink). */
  optIn?: boolean;
}

/** `npm start`'s Node options: a larger young generation halves GC time on large responses. */
export const GATEHOUSE_NODE_OPTIONS = ['--max-semi-space-size=32'];

export function contestantSpecs(lenelUrl: string, password: string, redisUrl = '', otlpUrl = ''): ContestantSpec[] {
  const gatehouse = (ttlMs: number, extra: Record<string, string> = {}): Record<string, string> => ({
    // Production configuration: shield, sessions and query limits as deployed, warn-level logs.
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    LENEL_URL: lenelUrl,
    LENEL_SERVICE_USERNAME: 'gatehouse-service',
    LENEL_SERVICE_PASSWORD: password,
    LENEL_CACHE_TTL_MS: String(ttlMs),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ...extra,
  });
  // Tracing to the harness's OTLP sink with the production defaults (OTLP/HTTP protobuf, 5 s batches).
  const traced = (resolverSpans: boolean): Record<string, string> => gatehouse(5_000, { OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl, TRACING_RESOLVER_SPANS: String(resolverSpans) });
  const peer = { NODE_ENV: 'production', LENEL_URL: lenelUrl };
  return [
    { id: 'gatehouse', label: 'Gatehouse (cache 5 s)', kind: 'gatehouse', env: gatehouse(5_000), execArgv: GATEHOUSE_NODE_OPTIONS },
    { id: 'gatehouse-nocache', label: 'Gatehouse (cache off)', kind: 'gatehouse', env: gatehouse(0), execArgv: GATEHOUSE_NODE_OPTIONS },
    // The same two with graphql-js executing queries (EXECUTOR=graphql-js): what the compiled queries gain.
    { id: 'gatehouse-js', label: 'Gatehouse graphql-js (cache 5 s)', kind: 'gatehouse', env: gatehouse(5_000, { EXECUTOR: 'graphql-js' }), execArgv: GATEHOUSE_NODE_OPTIONS },
    { id: 'gatehouse-js-nocache', label: 'Gatehouse graphql-js (cache off)', kind: 'gatehouse', env: gatehouse(0, { EXECUTOR: 'graphql-js' }), execArgv: GATEHOUSE_NODE_OPTIONS },
    // Two replicas with sessions and list reads shared through Redis; the load alternates between them.
    {
      id: 'gatehouse-redis',
      label: 'Gatehouse ×2 on Redis (cache 5 s)',
      kind: 'gatehouse',
      env: gatehouse(5_000, { REDIS_URL: redisUrl }),
      execArgv: GATEHOUSE_NODE_OPTIONS,
      replicas: 2,
      redis: true,
    },
    { id: 'gatehouse-traced', label: 'Gatehouse (cache 5 s, tracing)', kind: 'gatehouse', env: traced(false), execArgv: GATEHOUSE_NODE_OPTIONS, optIn: true },
    { id: 'gatehouse-traced-resolvers', label: 'Gatehouse (cache 5 s, tracing + resolver spans)', kind: 'gatehouse', env: traced(true), execArgv: GATEHOUSE_NODE_OPTIONS, optIn: true },
    { id: 'naive', label: 'naive Apollo + RESTDataSource', kind: 'naive', env: peer },
    { id: 'good-apollo', label: 'good Apollo + DataLoader', kind: 'good-apollo', env: peer },
    { id: 'limit', label: 'limit (hand-written)', kind: 'limit', env: peer },
    { id: 'floor', label: 'floor (fixed bytes)', kind: 'floor', env: peer },
  ];
}

/** A clean environment for a child: nothing of the caller's own configuration leaks in. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot'];
  const base = Object.fromEntries(keep.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]!]));
  return { ...base, ...extra };
}
