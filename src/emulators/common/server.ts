import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the emulator received it: tests count upstream calls and look for leaked secrets here. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

/**
 * A fault applied to matching requests before the handler runs.
 * `sequence` is consumed one entry per matching request: a status code answers with that status
 * (an HTML page for 5xx, like a proxy would), 'drop' destroys the socket, 'hang' never answers,
 * 'reset' handles the request (a write is applied) and then resets the connection instead of
 * answering (TCP RST: a reply lost after the upstream acted), 'stall-body' answers 200 with its
 * headers and the first byte of the body and then nothing more, 'pass' lets the request through.
 * After the sequence the fault stops matching unless `rate` is set.
 */
type FaultAction = number | 'drop' | 'hang' | 'reset' | 'stall-body' | 'pass';

export interface Fault {
  method?: string;
  path?: string | RegExp;
  latencyMs?: number;
  sequence?: Array<FaultAction>;
  /** Probability (0..1) of answering with `status` (default 503). */
  rate?: number;
  status?: number;
  retryAfterSeconds?: number;
}

export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  params: string[];
  /** host header as received: DRF builds absolute `next` links from it. */
  host: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body; a string is sent as-is (HTML pages); undefined sends no body. */
  body?: unknown;
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export const DJANGO_404_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

export const PROXY_ERROR_HTML = (status: number): string =>
  `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`;

/**
 * A small HTTP server for one emulated upstream: routes, a request log and fault injection.
 * Each emulator builds its routes on one of these; it listens on 127.0.0.1, port 0 by default.
 */
export class EmulatorServer {
  /** The most recent requests, oldest first: at most `maxLoggedRequests` of them. */
  readonly requests: LoggedRequest[] = [];
  /** Bounds the log's memory in a long-running demo; tests read far fewer than this. */
  maxLoggedRequests = 10_000;
  private readonly routes: Route[] = [];
  private readonly faults: Fault[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private notFound: Handler = () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: DJANGO_404_HTML });

  constructor(readonly name: string) {}

  route(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, handler });
    return this;
  }

  /** What an unknown URL answers (Django: an HTML 404 page). */
  onNotFound(handler: Handler): this {
    this.notFound = handler;
    return this;
  }

  addFault(fault: Fault): this {
    this.faults.push({ ...fault, sequence: fault.sequence ? [...fault.sequence] : undefined });
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  /** Appends to the log; past the cap the oldest go, trimmed in batches so that each request costs O(1). */
  private log(request: LoggedRequest): void {
    this.requests.push(request);
    if (this.requests.length >= this.maxLoggedRequests + Math.ceil(this.maxLoggedRequests / 4)) {
      this.requests.splice(0, this.requests.length - this.maxLoggedRequests);
    }
  }

  /** Requests matching a method and a path (exact string or pattern). */
  count(method: string, path: string | RegExp): number {
    return this.requests.filter((r) => r.method === method.toUpperCase() && matchPath(path, r.path)).length;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error(`${this.name} emulator is not listening`);
    return `http://127.0.0.1:${address.port}`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    // Node advertises this as `Keep-Alive: timeout=65` and undici keeps an idle socket 2 s less than
    // that: a server that closed idle sockets sooner than clients expect would reset a request that
    // reuses one just then, which a loaded test machine hits now and then.
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    this.log({ method, path: url.pathname, query: url.searchParams, headers: { ...req.headers }, body: rawBody, at: Date.now() });

    let resetInsteadOfAnswer = false;
    const fault = this.faults.find((f) => (!f.method || f.method.toUpperCase() === method) && (!f.path || matchPath(f.path, url.pathname)));
    if (fault) {
      if (fault.latencyMs) await sleep(fault.latencyMs);
      const action = nextFaultAction(fault);
      if (action === 'drop') {
        req.socket.destroy();
        return;
      }
      if (action === 'hang') return; // never answers; close() destroys the socket
      if (action === 'stall-body') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
        res.write('{'); // and never the rest; close() destroys the socket
        return;
      }
      resetInsteadOfAnswer = action === 'reset';
      if (typeof action === 'number') {
        const headers: Record<string, string> = { 'content-type': 'text/html' };
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        send(res, { status: action, headers, body: PROXY_ERROR_HTML(action) });
        return;
      }
      if (fault.sequence?.length === 0 && fault.rate === undefined && !fault.latencyMs) this.faults.splice(this.faults.indexOf(fault), 1);
    }

    const emulatorRequest = (params: string[]): EmulatorRequest => ({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      params,
      host: req.headers.host ?? '127.0.0.1',
    });
    try {
      for (const route of this.routes) {
        const match = route.pattern.exec(url.pathname);
        if (!match) continue;
        if (route.method !== method) continue;
        const answer = await route.handler(emulatorRequest(match.slice(1)));
        if (resetInsteadOfAnswer) req.socket.resetAndDestroy();
        else send(res, answer);
        return;
      }
      // A path that exists with another method: 405, as DRF answers.
      if (this.routes.some((r) => r.pattern.test(url.pathname))) {
        send(res, { status: 405, body: { detail: `Method "${method}" not allowed.` } });
        return;
      }
      send(res, await this.notFound(emulatorRequest([])));
    } catch (error) {
      console.error(`${this.name} emulator handler failed`, error);
      send(res, { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Server Error (500)</h1>' });
    }
  }
}

function nextFaultAction(fault: Fault): FaultAction {
  if (fault.sequence && fault.sequence.length > 0) return fault.sequence.shift()!;
  if (fault.rate !== undefined && Math.random() < fault.rate) return fault.status ?? 503;
  return 'pass';
}

function matchPath(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (typeof response.body === 'string') payload = response.body;
  else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Parses a JSON request body the way DRF does: 415 for another content type, 400 for malformed JSON.
 * Returns either the parsed object or the error response to send.
 */
export function parseJsonBody(
  req: EmulatorRequest,
  errors: { unsupported: (contentType: string) => EmulatorResponse; malformed: () => EmulatorResponse },
): { ok: true; body: Record<string, unknown> } | { ok: false; response: EmulatorResponse } {
  if (req.rawBody.length === 0) return { ok: true, body: {} };
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (contentType !== 'application/json') return { ok: false, response: errors.unsupported(contentType) };
  try {
    const parsed: unknown = JSON.parse(req.rawBody);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, response: errors.malformed() };
    return { ok: true, body: parsed as Record<string, unknown> };
  } catch {
    return { ok: false, response: errors.malformed() };
  }
}
