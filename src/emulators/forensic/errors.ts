import type { EmulatorResponse } from '../common/server.js';

/** Oz error codes and the HTTP status each one travels with (contract table). */
export const OzCode = {
  UNKNOWN: 0,
  NOT_ALLOWED: 1,
  INVALID_STRUCTURE: 3,
  INVALID_VALUE: 4,
  INVALID_TYPE: 5,
  AUTH_NOT_PROVIDED: 6,
  AUTH_INVALID: 7,
  AUTH_EXPIRED: 8,
  AUTH_FORBIDDEN: 9,
  NOT_EXIST: 10,
  EXTERNAL_SERVICE: 11,
} as const;

export type OzErrorCode = (typeof OzCode)[keyof typeof OzCode];

const STATUS: Record<OzErrorCode, number> = {
  0: 500,
  1: 405,
  3: 400,
  4: 400,
  5: 400,
  6: 401,
  7: 401,
  8: 401,
  9: 403,
  10: 404,
  11: 502,
};

const DEFAULT_MESSAGE: Record<OzErrorCode, string> = {
  0: 'Unknown error',
  1: 'Method not allowed',
  3: 'Invalid structure',
  4: 'Invalid value',
  5: 'Invalid type',
  6: 'Authentication token not provided',
  7: 'Invalid token',
  8: 'Token expired',
  9: 'Forbidden',
  10: 'Not found',
  11: 'External service error',
};

export function ozError(code: OzErrorCode, message?: string, details: unknown = null): EmulatorResponse {
  return { status: STATUS[code], body: { error_code: code, error_message: message ?? DEFAULT_MESSAGE[code], details } };
}

/** Thrown from deep inside a handler; the dispatcher turns it into the response. */
export class OzFailure extends Error {
  constructor(readonly response: EmulatorResponse) {
    super(`Oz error ${String((response.body as { error_code?: number }).error_code)}`);
  }
}

export function fail(code: OzErrorCode, message?: string, details: unknown = null): never {
  throw new OzFailure(ozError(code, message, details));
}

/** A validation failure naming one field, as Oz reports it: `details: {"<field>": "<reason>"}`. */
export function invalid(code: typeof OzCode.INVALID_STRUCTURE | typeof OzCode.INVALID_VALUE | typeof OzCode.INVALID_TYPE, field: string, reason: string): never {
  return fail(code, undefined, { [field]: reason });
}
