import { setTimeout as delay } from 'node:timers/promises';
import { BrokenCircuitError, circuitBreaker, CircuitState, handleWhen, IsolatedCircuitError, SamplingBreaker, type CircuitBreakerPolicy } from 'cockatiel';
import { Pool, errors as undiciErrors } from 'undici';
import type { Config } from '../../config.js';
import { GatehouseError, rateLimited, upstreamError, upstreamTimeout, upstreamUnavailable } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { CircuitStateName, Metrics } from '../../metrics.js';
import { tracingOn, upstreamServer, upstreamSpan, type UpstreamServer, type UpstreamSpan } from '../../tracing.js';
import type { UpstreamName } from '../../upstreams.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UpstreamRequest {
  method: HttpMethod;
  /** Path below the base URL, already built with `upstreamPath` when it holds parameters. */
  path: string;
  /** Route template for logs and metrics (never the filled-in path: ids are not labels). */
  route: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  /** The id of the gateway request the call is made for: the call's log lines carry it. */
  requestId?: string;
  /**
   * A 200 answer's body is left unparsed (`body` undefined, `text` set): the caller may not need it
   * (lenel recognises a list it already holds by a hash of its text). Other answers are parsed.
   */
  raw?: boolean;
  /**
   * Whether repeating the call is harmless (default: GET only). A GET that creates something
   * upstream (Oz's service-token issue) sets false: no retry, and a failure after the request may
   * have been delivered reports outcome UNKNOWN.
   */
  idempotent?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON; undefined for an empty body; the raw text when a non-2xx body is not JSON. */
  body: unknown;
  /** The body as received (lists are shared and recognised by it: see lenel's list cache). */
  text?: string;
}

export type HttpOptions = Config['http'];

/** A failed attempt, thrown inside the circuit breaker; unwrapped before leaving the client. */
class UpstreamFailure extends Error {
  constructor(
    readonly error: GatehouseError,
    /** Worth another attempt when the call may be repeated: a connection error or 502/503/504. */
    readonly retryable: boolean,
    /** Says the upstream is unhealthy (connection error, timeout, 5xx): counts against its circuit. */
    readonly unhealthy: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(error.message);
  }
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
/** Failures before anything was written: the request certainly did not reach the upstream. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED']);
/** The connection broke once open: the request may have been written, and even processed. */
const BROKEN_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const BACKOFF_BASE_MS = 50;

/**
 * The one HTTP client for every upstream call: a keep-alive pool per upstream origin, timeouts and
 * an overall deadline, retries with backoff only for GETs, a circuit breaker over the share of
 * failed calls, a response size cap, and a log line and metrics per call. It never follows
 * redirects and never puts a response body into an error.
 */
export class UpstreamClient {
  readonly origin: string;
  private readonly basePath: string;
  private readonly pool: Pool;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly server: UpstreamServer;
  private openedAt = 0;

  constructor(
    readonly upstream: UpstreamName,
    baseUrl: string,
    private readonly options: HttpOptions,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.server = upstreamServer(url);
    this.pool = new Pool(this.origin, {
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
    // Only failures that say the upstream is unhealthy are samples against it; a 4xx or 429 is an
    // answer, and errors the breaker does not handle pass through uncounted.
    this.breaker = circuitBreaker(handleWhen((error) => error instanceof UpstreamFailure && error.unhealthy), {
      halfOpenAfter: options.circuitHalfOpenAfterMs,
      breaker: new SamplingBreaker({ threshold: options.circuitFailureRatio, duration: options.circuitWindowMs, minimumRps: minimumRps(options) }),
    });
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
    });
    this.breaker.onStateChange((state) => this.logger.warn({ upstream, circuit: circuitStateName(state) }, 'upstream circuit state changed'));
    this.metrics.trackCircuit(upstream, () => this.circuitState);
  }

  get circuitState(): CircuitStateName {
    // cockatiel leaves Open only when the next call arrives; once the cool-down is over that call
    // goes through as the probe, so the circuit is half-open from then on.
    if (this.breaker.state === CircuitState.Open && Date.now() - this.openedAt >= this.options.circuitHalfOpenAfterMs) return 'half-open';
    return circuitStateName(this.breaker.state);
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const deadline = Date.now() + this.options.deadlineMs;
    const write = !(req.idempotent ?? req.method === 'GET');
    try {
      // The circuit counts logical calls, each after its retries: the retries of one failing call
      // must not open it for everybody.
      return await this.breaker.execute(() => this.withRetries(req, deadline, write));
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        // Nothing is sent; the trace still shows the call and why it was refused.
        if (tracingOn()) upstreamSpan({ upstream: this.upstream, method: req.method, server: this.server, route: this.basePath + req.route, resendCount: 0, circuit: 'open' })?.end('circuit_open');
        throw upstreamUnavailable(this.upstream, 'is unavailable (circuit open)');
      }
      throw error instanceof UpstreamFailure ? error.error : error;
    }
  }

  /**
   * Turns an absolute URL from an upstream (a pagination `next` link) into a path on this
   * upstream's origin; a link to any other origin is refused.
   */
  sameOriginPath(link: string): { path: string; query: Record<string, string> } {
    let url: URL;
    try {
      url = new URL(link, this.origin);
    } catch {
      throw upstreamError(this.upstream, 'sent a malformed pagination link');
    }
    if (url.origin !== this.origin) throw upstreamError(this.upstream, 'sent a pagination link to another origin');
    const path = url.pathname.startsWith(this.basePath) ? url.pathname.slice(this.basePath.length) : url.pathname;
    return { path, query: Object.fromEntries(url.searchParams) };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async withRetries(req: UpstreamRequest, deadline: number, write: boolean): Promise<UpstreamResponse> {
    const retries = write ? 0 : this.options.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(req, deadline, write, attempt);
      } catch (error) {
        if (!(error instanceof UpstreamFailure) || !error.retryable || attempt >= retries) throw error;
        const wait = error.retryAfterMs ?? fullJitter(attempt);
        if (Date.now() + wait >= deadline) throw error;
        await delay(wait);
      }
    }
  }

  private async attempt(req: UpstreamRequest, deadline: number, write: boolean, resendCount: number): Promise<UpstreamResponse> {
    const started = performance.now();
    const remaining = deadline - Date.now();
    let statusLabel = 'error';
    let span: UpstreamSpan | undefined;
    try {
      if (remaining <= 0) {
        // Nothing was sent: a write is certainly not applied.
        throw new UpstreamFailure(write ? upstreamUnavailable(this.upstream, 'could not be reached in time') : upstreamTimeout(this.upstream), false, true);
      }
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | undefined;
      if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers['content-type'] = 'application/json';
      }
      // A span per attempt (tracing on); its traceparent travels in the request's own headers, so a
      // request that waits in the pool for a free connection keeps it. With tracing off nothing of
      // it is built (the route and the circuit state cost something on every attempt).
      if (tracingOn()) {
        span = upstreamSpan({ upstream: this.upstream, method: req.method, server: this.server, route: this.basePath + req.route, resendCount, circuit: this.circuitState });
        if (span) Object.assign(headers, span.headers);
      }
      let response;
      try {
        response = await this.pool.request({
          method: req.method,
          path: this.basePath + req.path + queryString(req.query),
          headers,
          body,
          signal: AbortSignal.timeout(remaining),
        });
      } catch (error) {
        statusLabel = metricLabel(error);
        throw this.transportFailure(error, write, req.requestId);
      }
      statusLabel = String(response.statusCode);
      const text = await this.readBody(response.body, response.headers['content-length']).catch((error: unknown) => {
        statusLabel = metricLabel(error);
        throw error instanceof UpstreamFailure ? error : this.transportFailure(error, write, req.requestId);
      });
      return this.interpret(response.statusCode, response.headers, text, write, req.raw);
    } finally {
      span?.end(statusLabel);
      const seconds = (performance.now() - started) / 1000;
      this.metrics.upstreamCalls.inc({ upstream: this.upstream, route: req.route, status: statusLabel });
      this.metrics.upstreamDuration.observe({ upstream: this.upstream, status: statusLabel }, seconds);
      if (this.logger.isLevelEnabled('debug')) {
        this.logger.debug({ requestId: req.requestId, upstream: this.upstream, method: req.method, route: req.route, status: statusLabel, ms: Math.round(seconds * 1000) }, 'upstream call');
      }
    }
  }

  /** The body as text, within the size cap. A transport error is thrown as it is: the caller labels and wraps it. */
  private async readBody(body: AsyncIterable<Buffer> & { destroy(): void; text(): Promise<string> }, contentLength: string | string[] | undefined): Promise<string> {
    const cap = this.options.maxResponseBytes;
    if (contentLength !== undefined && Number(contentLength) > cap) {
      body.destroy();
      throw new UpstreamFailure(upstreamError(this.upstream, 'sent a response larger than the gateway accepts'), false, false);
    }
    // A declared length under the cap: undici reads it in one go (cheaper than chunk by chunk).
    if (contentLength !== undefined) return body.text();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > cap) {
        body.destroy();
        throw new UpstreamFailure(upstreamError(this.upstream, 'sent a response larger than the gateway accepts'), false, false);
      }
      chunks.push(chunk);
    }
    return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  }

  private interpret(status: number, headers: UpstreamResponse['headers'], text: string, write: boolean, raw = false): UpstreamResponse {
    if (status >= 500) throw new UpstreamFailure(this.serverError(status, write), RETRYABLE_STATUS.has(status), true, this.retryAfterMs(headers));
    // A redirect means a path the upstream does not serve as written (Django's APPEND_SLASH):
    // following it would turn a POST into a GET and lose the body.
    if (status >= 300 && status < 400) throw upstreamError(this.upstream, `redirected the request (${status})`);
    // The client is told the upstream's own wait; the retry cap only bounds the gateway's waits.
    if (status === 429) throw rateLimited(Math.max(1, Math.ceil((this.retryAfterMs(headers, false) ?? 1_000) / 1000)), this.upstream);
    if (raw && status === 200) return { status, headers, body: undefined, text };
    let body: unknown = undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        if (status < 300) throw upstreamError(this.upstream, 'sent a malformed response');
        body = text;
      }
    }
    return { status, headers, body, text };
  }

  private retryAfterMs(headers: UpstreamResponse['headers'], capped = true): number | undefined {
    const value = headers['retry-after'];
    if (typeof value !== 'string') return undefined;
    const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
    if (!Number.isFinite(ms)) return undefined;
    return capped ? Math.min(Math.max(0, ms), this.options.retryAfterMaxMs) : Math.max(0, ms);
  }

  /**
   * A 5xx answer. To a write, 503 means the server did not process it (it cannot take requests now),
   * but any other 5xx may follow a write that was applied (a crash after the commit, a proxy that
   * gave up waiting for an origin that went on), so its outcome is unknown.
   */
  private serverError(status: number, write: boolean): GatehouseError {
    if (!write || status === 503) return upstreamUnavailable(this.upstream, `answered ${status}`);
    if (status === 504) return upstreamTimeout(this.upstream, 'UNKNOWN');
    return upstreamError(this.upstream, `answered ${status}`, 'UNKNOWN');
  }

  /**
   * A failure without an answer. A write is reported unavailable only when it certainly was not
   * delivered (the client may then repeat it); once the connection was open, it may have been applied.
   */
  private transportFailure(error: unknown, write: boolean, requestId?: string): UpstreamFailure {
    const kind = failureKind(error);
    if (kind === 'timeout') return new UpstreamFailure(upstreamTimeout(this.upstream, write ? 'UNKNOWN' : undefined), false, true);
    if (kind === 'not-sent' || (kind === 'broken' && !write)) return new UpstreamFailure(upstreamUnavailable(this.upstream, 'could not be reached'), true, true);
    if (kind === 'broken') return new UpstreamFailure(upstreamError(this.upstream, 'dropped the connection before answering', 'UNKNOWN'), false, true);
    this.logger.error({ requestId, upstream: this.upstream, err: error }, 'unexpected upstream client error');
    return new UpstreamFailure(write ? upstreamError(this.upstream, 'did not complete the call', 'UNKNOWN') : upstreamUnavailable(this.upstream), false, false);
  }
}

function failureKind(error: unknown): 'timeout' | 'not-sent' | 'broken' | 'error' {
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) return 'timeout';
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const code = (error as { code?: string } | null)?.code;
  if (code && NOT_SENT_CODES.has(code)) return 'not-sent';
  if (code && BROKEN_CONNECTION_CODES.has(code)) return 'broken';
  return 'error';
}

/** The `status` label of a call that got no answer (the label set predates the not-sent/broken split). */
function metricLabel(error: unknown): 'timeout' | 'connection' | 'error' {
  const kind = failureKind(error);
  return kind === 'not-sent' || kind === 'broken' ? 'connection' : kind;
}

/**
 * cockatiel's sampling breaker takes the minimum as a rate; the setting is a number of calls in the
 * window. Half a call less, so that float rounding of rate × window never asks for one call more.
 */
function minimumRps({ circuitMinCalls, circuitWindowMs }: HttpOptions): number {
  return (circuitMinCalls - 0.5) / (circuitWindowMs / 1000);
}

function fullJitter(attempt: number): number {
  return Math.round(Math.random() * BACKOFF_BASE_MS * 2 ** (attempt + 1));
}

function circuitStateName(state: CircuitState): CircuitStateName {
  if (state === CircuitState.Open || state === CircuitState.Isolated) return 'open';
  if (state === CircuitState.HalfOpen) return 'half-open';
  return 'closed';
}

function queryString(query: UpstreamRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
