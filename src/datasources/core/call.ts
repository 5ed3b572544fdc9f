import { upstreamError, type GatehouseError } from '../../errors.js';
import type { UpstreamName } from '../../upstreams.js';
import type { UpstreamResponse } from './http-client.js';
import { isRecord } from './json.js';

/** An upstream's error table: an answer the gateway did not expect → the Gatehouse error for the client. */
export type ErrorTable = (response: UpstreamResponse) => GatehouseError;

/** The one check after an upstream call: an expected status, or the upstream's own error mapping. */
export function expectStatus(response: UpstreamResponse, expected: readonly number[], toError: ErrorTable): void {
  if (!expected.includes(response.status)) throw toError(response);
}

/** An expected status with a JSON object body (the record, or Rehive's envelope). */
export function expectObject(upstream: UpstreamName, response: UpstreamResponse, expected: readonly number[], toError: ErrorTable): Record<string, unknown> {
  expectStatus(response, expected, toError);
  if (!isRecord(response.body)) throw upstreamError(upstream, 'sent a malformed response');
  return response.body;
}
