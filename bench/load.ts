import autocannon from 'autocannon';

/**
 * Load from autocannon (programmatic API). Every request carries the next `Authorization` header of
 * a pool of distinct signed-in callers, round robin, so nothing can be shared between clients.
 * Latency percentiles are computed from every response's own time (autocannon's histogram has no
 * p95, and its coordinated-omission correction assumes one request per millisecond at a fixed rate).
 */
export interface LoadOptions {
  /** The GraphQL endpoint; several (replicas): the load is spread evenly over them. */
  url: string | readonly string[];
  /** The request body (JSON text). */
  body: string;
  authorizations: readonly string[];
  durationSeconds: number;
  /** Every response must equal this text, else it counts as an error. */
  expectBody?: string;
}

export interface LoadResult {
  /** Requests sent, including those still unanswered when the run stopped. */
  sent: number;
  responses: number;
  elapsedMs: number;
  /** Response times in ms of every answered request, ascending. */
  latencies: number[];
  errors: number;
}

const urlsOf = (options: LoadOptions): readonly string[] => (typeof options.url === 'string' ? [options.url] : options.url);

function request(options: LoadOptions & { url: string }, onMismatch: () => void): autocannon.Request[] {
  let next = 0;
  const { expectBody } = options;
  const { authorizations } = options;
  return [
    {
      method: 'POST',
      path: new URL(options.url).pathname,
      body: options.body,
      setupRequest: (req: autocannon.Request) => ({
        ...req,
        headers: { 'content-type': 'application/json', authorization: authorizations[next++ % authorizations.length]! },
      }),
      onResponse: (status: number, body: string) => {
        if (expectBody !== undefined && status >= 200 && status < 300 && body !== expectBody) onMismatch();
      },
    },
  ];
}

async function run(options: LoadOptions & { url: string }, extra: Partial<autocannon.Options>, latencies: number[]): Promise<{ sent: number; responses: number; errors: number }> {
  let responses = 0;
  let mismatches = 0;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: new URL(options.url).origin,
      requests: request(options, () => mismatches++),
      duration: options.durationSeconds,
      // autocannon stops at its next sample tick after the duration: tick often.
      sampleInt: 100,
      timeout: 30,
      ...extra,
    } as autocannon.Options,
    (error: unknown, result: autocannon.Result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
    responses++;
    latencies.push(responseTime);
  });
  const result = await done;
  // Transport errors and timeouts, non-2xx answers, and 2xx answers whose body differs from the expected one.
  return { sent: result.requests.sent, responses, errors: result.errors + result.non2xx + mismatches };
}

/** Closed loop: `connections` clients, each sending its next request when the last one is answered. */
export async function closedLoop(options: LoadOptions & { connections: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const urls = urlsOf(options);
  const started = performance.now();
  const results = await Promise.all(urls.map((url) => run({ ...options, url }, { connections: Math.max(1, Math.round(options.connections / urls.length)) }, latencies)));
  const elapsedMs = performance.now() - started;
  const sum = (key: 'sent' | 'responses' | 'errors') => results.reduce((total, r) => total + r[key], 0);
  return { sent: sum('sent'), responses: sum('responses'), elapsedMs, latencies: latencies.sort((a, b) => a - b), errors: sum('errors') };
}

/**
 * Open loop at `rate` requests/s: `rate` one-connection autocannon instances, each at
 * `overallRate: 1`, started 1000/rate ms apart. One instance at `overallRate: rate` would send each
 * connection's quota back to back at the start of every second (all connections in phase); staggered
 * single-request connections send evenly spaced requests that never wait for an earlier answer
 * (no coordinated omission) as long as a response takes less than a second.
 */
export async function fixedRate(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const urls = urlsOf(options);
  const spacing = 1_000 / options.rate;
  const started = performance.now();
  const runs = Array.from(
    { length: options.rate },
    (_, i) =>
      new Promise<{ sent: number; responses: number; errors: number }>((resolve, reject) => {
        setTimeout(() => run({ ...options, url: urls[i % urls.length]! }, { connections: 1, overallRate: 1 }, latencies).then(resolve, reject), i * spacing);
      }),
  );
  const results = await Promise.all(runs);
  const elapsedMs = performance.now() - started;
  const sum = (key: 'sent' | 'responses' | 'errors') => results.reduce((total, r) => total + r[key], 0);
  return { sent: sum('sent'), responses: sum('responses'), elapsedMs, latencies: latencies.sort((a, b) => a - b), errors: sum('errors') };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
