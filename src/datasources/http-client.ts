import { setTimeout as delay } from 'node:timers/promises';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, CircuitState, handleWhen, IsolatedCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { Pool, errors as undiciErrors } from 'undici';
import type { Config } from '../config.js';
import { GatehouseError, rateLimited, upstreamError, upstreamTimeout, upstreamUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CircuitStateName, Metrics } from '../metrics.js';
import type { UpstreamName } from '../upstreams.js';

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
  /**
   * Whether repeating the call is harmless (default: GET only). A GET that creates something
   * upstream (Oz's service-token issue) sets false: no retry, and a timeout reports outcome UNKNOWN.
   */
  idempotent?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON; undefined for an empty body; the raw text when a non-2xx body is not JSON. */
  body: unknown;
}

export type HttpOptions = Config['http'];

/** Thrown inside the circuit breaker so that it counts as a failure; unwrapped before leaving the client. */
class UpstreamFailure extends Error {
  constructor(
    readonly error: GatehouseError,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(error.message);
  }
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED']);
const BACKOFF_BASE_MS = 50;

/**
 * The one HTTP client for every upstream call: a keep-alive pool per upstream origin, timeouts and
 * an overall deadline, retries with backoff only for GETs, a circuit breaker, a response size cap,
 * and a log line and metrics per call. It never follows redirects and never puts a response body
 * into an error.
 */
export class UpstreamClient {
  readonly origin: string;
  private readonly basePath: string;
  private readonly pool: Pool;
  private readonly breaker: CircuitBreakerPolicy;

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
    this.pool = new Pool(this.origin, {
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof UpstreamFailure),
      { halfOpenAfter: options.circuitHalfOpenAfterMs, breaker: new ConsecutiveBreaker(options.circuitFailureThreshold) },
    );
    this.breaker.onStateChange((state) => {
      const name = circuitStateName(state);
      this.metrics.setCircuitState(upstream, name);
      this.logger.warn({ upstream, circuit: name }, 'upstream circuit state changed');
    });
    this.metrics.setCircuitState(upstream, 'closed');
  }

  get circuitState(): CircuitStateName {
    return circuitStateName(this.breaker.state);
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const deadline = Date.now() + this.options.deadlineMs;
    const retries = (req.idempotent ?? req.method === 'GET') ? this.options.retries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.breaker.execute(() => this.attempt(req, deadline));
      } catch (error) {
        if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
          throw upstreamUnavailable(this.upstream, 'is unavailable (circuit open)');
        }
        if (!(error instanceof UpstreamFailure)) throw error;
        if (!error.retryable || attempt >= retries) throw error.error;
        const wait = error.retryAfterMs ?? fullJitter(attempt);
        if (Date.now() + wait >= deadline) throw error.error;
        await delay(wait);
      }
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

  private async attempt(req: UpstreamRequest, deadline: number): Promise<UpstreamResponse> {
    const started = performance.now();
    const remaining = deadline - Date.now();
    const write = !(req.idempotent ?? req.method === 'GET');
    let statusLabel = 'error';
    try {
      if (remaining <= 0) throw new UpstreamFailure(upstreamTimeout(this.upstream, write ? 'UNKNOWN' : undefined), false);
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | undefined;
      if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers['content-type'] = 'application/json';
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
        statusLabel = errorKind(error);
        throw this.transportFailure(error, write);
      }
      statusLabel = String(response.statusCode);
      const text = await this.readBody(response.body, response.headers['content-length'], write).catch((error: unknown) => {
        statusLabel = errorKind(error);
        throw error instanceof UpstreamFailure ? error : this.transportFailure(error, write);
      });
      return this.interpret(response.statusCode, response.headers, text);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.metrics.upstreamCalls.inc({ upstream: this.upstream, route: req.route, status: statusLabel });
      this.metrics.upstreamDuration.observe({ upstream: this.upstream, status: statusLabel }, seconds);
      if (this.logger.isLevelEnabled('debug')) {
        this.logger.debug({ upstream: this.upstream, method: req.method, route: req.route, status: statusLabel, ms: Math.round(seconds * 1000) }, 'upstream call');
      }
    }
  }

  private async readBody(body: AsyncIterable<Buffer> & { destroy(): void; text(): Promise<string> }, contentLength: string | string[] | undefined, write: boolean): Promise<string> {
    const cap = this.options.maxResponseBytes;
    if (contentLength !== undefined && Number(contentLength) > cap) {
      body.destroy();
      throw new UpstreamFailure(upstreamError(this.upstream, 'sent a response larger than the gateway accepts'), false);
    }
    // A declared length under the cap: undici reads it in one go (cheaper than chunk by chunk).
    if (contentLength !== undefined) {
      try {
        return await body.text();
      } catch (error) {
        throw this.transportFailure(error, write);
      }
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > cap) {
          body.destroy();
          throw new UpstreamFailure(upstreamError(this.upstream, 'sent a response larger than the gateway accepts'), false);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof UpstreamFailure) throw error;
      throw this.transportFailure(error, write);
    }
    return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  }

  private interpret(status: number, headers: UpstreamResponse['headers'], text: string): UpstreamResponse {
    if (status >= 500) {
      const failure = upstreamUnavailable(this.upstream, `answered ${status}`);
      throw new UpstreamFailure(failure, RETRYABLE_STATUS.has(status), this.retryAfterMs(headers));
    }
    // A redirect means a path the upstream does not serve as written (Django's APPEND_SLASH):
    // following it would turn a POST into a GET and lose the body.
    if (status >= 300 && status < 400) throw upstreamError(this.upstream, `redirected the request (${status})`);
    // The client is told the upstream's own wait; the retry cap only bounds the gateway's waits.
    if (status === 429) throw rateLimited(Math.max(1, Math.ceil((this.retryAfterMs(headers, false) ?? 1_000) / 1000)), this.upstream);
    let body: unknown = undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        if (status < 300) throw upstreamError(this.upstream, 'sent a malformed response');
        body = text;
      }
    }
    return { status, headers, body };
  }

  private retryAfterMs(headers: UpstreamResponse['headers'], capped = true): number | undefined {
    const value = headers['retry-after'];
    if (typeof value !== 'string') return undefined;
    const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
    if (!Number.isFinite(ms)) return undefined;
    return capped ? Math.min(Math.max(0, ms), this.options.retryAfterMaxMs) : Math.max(0, ms);
  }

  private transportFailure(error: unknown, write: boolean): UpstreamFailure {
    const kind = errorKind(error);
    if (kind === 'timeout') return new UpstreamFailure(upstreamTimeout(this.upstream, write ? 'UNKNOWN' : undefined), false);
    if (kind === 'connection') {
      // A refused connection never reached the upstream, so even a write may be retried safely by the
      // client; the gateway itself retries only GETs.
      return new UpstreamFailure(upstreamUnavailable(this.upstream, 'could not be reached'), true);
    }
    this.logger.error({ upstream: this.upstream, err: error }, 'unexpected upstream client error');
    return new UpstreamFailure(upstreamUnavailable(this.upstream), false);
  }
}

function errorKind(error: unknown): 'timeout' | 'connection' | 'error' {
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) return 'timeout';
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  if (error instanceof undiciErrors.ConnectTimeoutError) return 'connection';
  const code = (error as { code?: string } | null)?.code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return 'connection';
  return 'error';
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
