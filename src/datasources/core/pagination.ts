import { upstreamError, type GatehouseError } from '../../errors.js';
import { isRecord } from './json.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from './http-client.js';

const MAX_PAGES = 10_000;

/**
 * Reads a DRF list endpoint to the end. A site may answer a bare array or the page envelope
 * `{count, next, previous, results}`; `next` is followed only on the configured origin and only on
 * the same list path, so an upstream cannot steer the gateway (and the caller's token) elsewhere.
 */
export async function readAllPages<T>(
  client: UpstreamClient,
  path: string,
  call: (request: UpstreamRequest) => Promise<UpstreamResponse>,
  mapError: (response: UpstreamResponse) => GatehouseError,
  onPage?: (response: UpstreamResponse) => void,
  /** The first page, when the caller has already read it. */
  first?: UpstreamResponse,
): Promise<T[]> {
  const items: T[] = [];
  let request: UpstreamRequest = { method: 'GET', path, route: path };
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = page === 0 && first ? first : await call(request);
    if (response.status !== 200) throw mapError(response);
    onPage?.(response);
    const body = response.body === undefined && response.text ? parseJson(client, response.text) : response.body;
    if (Array.isArray(body)) return page === 0 ? (body as T[]) : [...items, ...(body as T[])];
    if (!isRecord(body) || !Array.isArray(body.results)) throw upstreamError(client.upstream, 'sent a malformed list');
    for (const item of body.results as T[]) items.push(item);
    if (typeof body.next !== 'string' || body.next === '') return items;
    const next = client.sameOriginPath(body.next);
    if (next.path !== path) throw upstreamError(client.upstream, 'sent a pagination link to another path');
    request = { method: 'GET', path, route: path, query: next.query };
  }
  throw upstreamError(client.upstream, 'sent too many pages');
}

/** The body of an answer read unparsed (`raw`). */
function parseJson(client: UpstreamClient, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw upstreamError(client.upstream, 'sent a malformed response');
  }
}
