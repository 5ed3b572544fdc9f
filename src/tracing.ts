import type { Attributes, Span } from '@opentelemetry/api';

/**
 * The narrow hooks through which the gateway's layers make spans. With tracing off (no OTLP
 * endpoint) no hooks are installed: each helper below only calls through, and nothing of
 * OpenTelemetry is loaded (the imports here are types only). With tracing on, src/tracing-sdk.ts
 * installs the hooks for the process while its gateway runs.
 */
export interface TracingHooks {
  /** Runs `fn` in a new span, a child of the active one, ended when `fn` settles. */
  inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T>;
  /** A client span for one HTTP exchange with an upstream, child of the active span. */
  upstreamAttempt(attempt: UpstreamAttempt): UpstreamSpan;
}

/** One HTTP exchange with an upstream, as its span tells it: never the filled-in path or the query. */
export interface UpstreamAttempt {
  upstream: string;
  method: string;
  /** The upstream's host and port (no credentials, no path): worked out once per client, not per attempt. */
  server: UpstreamServer;
  /** Route template with the base URL's path (`/api/leave-requests/:id`): ids are not in it. */
  route: string;
  /** 0 for the first attempt of a call, then 1, 2… (http.request.resend_count). */
  resendCount: number;
  circuit: 'closed' | 'half-open' | 'open';
}

export interface UpstreamServer {
  address: string;
  port: number;
}

/** `server.address` and `server.port` of an upstream's base URL. */
export function upstreamServer(url: URL): UpstreamServer {
  return { address: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
}

export interface UpstreamSpan {
  /** `traceparent` (and `tracestate`) to send with the request, so the trace continues upstream. */
  readonly headers: Record<string, string>;
  /** `outcome`: the HTTP status, or why there was none (timeout, connection, circuit_open, …). */
  end(outcome: number | string): void;
}

let hooks: TracingHooks | undefined;

/** Installed by the tracing SDK module when it starts, removed (undefined) when it shuts down. */
export function setTracingHooks(next: TracingHooks | undefined): void {
  hooks = next;
}

export function tracingOn(): boolean {
  return hooks !== undefined;
}

/** `fn` in a span named `name` when tracing is on; otherwise just `fn`. */
export function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span | undefined) => Promise<T>): Promise<T> {
  return hooks ? hooks.inSpan(name, attributes, fn) : fn(undefined);
}

/** The span of one upstream HTTP exchange, or undefined with tracing off (callers ask tracingOn() before building the attempt). */
export function upstreamSpan(attempt: UpstreamAttempt): UpstreamSpan | undefined {
  return hooks?.upstreamAttempt(attempt);
}

const passThrough = <L>(load: () => Promise<L>): (() => Promise<L>) => load;

/**
 * A read through a cache as a span with `gatehouse.cache.hit`: false when this read ran the loader
 * it handed to the cache (a miss: the upstream call is the span's child), true when it was served
 * without (a cached value, or a read already in flight for another request).
 */
export function cacheRead<T>(cache: string, read: (loader: <L>(load: () => Promise<L>) => () => Promise<L>) => Promise<T>): Promise<T> {
  if (!hooks) return read(passThrough);
  return hooks.inSpan(`cache ${cache}`, { 'gatehouse.cache.name': cache }, async (span) => {
    let hit = true;
    try {
      return await read((load) => () => {
        hit = false;
        return load();
      });
    } finally {
      span.setAttribute('gatehouse.cache.hit', hit);
    }
  });
}
