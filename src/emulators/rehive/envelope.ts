import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import { parseJsonBody } from '../common/server.js';

/** Field errors as DRF builds them: a list of messages per field, nested for nested serializers. */
export interface FieldErrors {
  [field: string]: string[] | FieldErrors;
}

/** `{"status":"success","data":…}`, or `{"status":"success"}` for actions with nothing to return. */
export function ok(data?: unknown, status = 200): EmulatorResponse {
  return { status, body: data === undefined ? { status: 'success' } : { status: 'success', data } };
}

export function fail(status: number, message: string, data?: unknown, headers?: Record<string, string>): EmulatorResponse {
  const body: Record<string, unknown> = { status: 'error', message };
  if (data !== undefined) body.data = data;
  return headers ? { status, body, headers } : { status, body };
}

/** 400 with field errors: Rehive's exception handler puts the first message in `message`. */
export function invalid(errors: FieldErrors): EmulatorResponse {
  return fail(400, firstMessage(errors) ?? 'Invalid request.', errors);
}

export function firstMessage(errors: FieldErrors): string | undefined {
  for (const value of Object.values(errors)) {
    const message = Array.isArray(value) ? value[0] : firstMessage(value);
    if (message !== undefined) return message;
  }
  return undefined;
}

export const errors = {
  notFound: (): EmulatorResponse => fail(404, 'Not found.'),
  invalidToken: (): EmulatorResponse => fail(401, 'Invalid token.', undefined, { 'www-authenticate': 'Token' }),
  forbidden: (): EmulatorResponse => fail(403, 'You do not have permission to perform this action.'),
  methodNotAllowed: (method: string): EmulatorResponse => fail(405, `Method "${method}" not allowed.`),
  invalidPage: (): EmulatorResponse => fail(404, 'Invalid page.'),
  throttled: (scope: string, seconds: number): EmulatorResponse =>
    fail(429, `Request was throttled: ${scope}. Expected available in ${seconds} seconds.`, undefined, { 'retry-after': String(seconds) }),
};

/** The JSON body, or the envelope error DRF's parser would raise (415 / 400). */
export function jsonBody(req: EmulatorRequest): { ok: true; body: Record<string, unknown> } | { ok: false; response: EmulatorResponse } {
  return parseJsonBody(req, {
    unsupported: (contentType) => fail(415, `Unsupported media type "${contentType}" in request.`),
    malformed: () => fail(400, 'JSON parse error - Expecting value: line 1 column 1 (char 0)'),
  });
}
