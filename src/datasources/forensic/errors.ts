import { badUserInput, type FieldErrors, forbidden, type GatehouseError, notFound, upstreamError, upstreamSignInEnded, upstreamUnavailable } from '../../errors.js';
import type { UpstreamResponse } from '../core/http-client.js';
import { camelCase, isRecord } from '../core/json.js';

/**
 * Oz error bodies `{error_code, error_message, details}` (docs/upstreams.md) to
 * Gatehouse errors. `error_code` decides; the HTTP status is the fallback for bodies that are not
 * Oz's (a proxy's page). Neither `error_message` nor the body is forwarded: only the per-field
 * reasons in `details`, which name what was wrong with the caller's own input.
 */
export const OzErrorCode = {
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

/** Upstream field → GraphQL input field, for `fieldErrors`; both flag spellings (API 5 and 6) are listed. */
export const OZ_FIELDS: Record<string, string> = {
  email: 'email',
  password: 'password',
  name: 'name',
  company_id: 'companyId',
  user_id: 'userId',
  user_type: 'role',
  is_admin: 'role',
  is_service: 'role',
  first_name: 'firstName',
  last_name: 'lastName',
  middle_name: 'middleName',
  can_start_analysis_biometry: 'analysisPermissions.biometry',
  can_start_analyse_biometry: 'analysisPermissions.biometry',
  can_start_analysis_collection: 'analysisPermissions.collection',
  can_start_analyse_collection: 'analysisPermissions.collection',
  can_start_analysis_documents: 'analysisPermissions.documents',
  can_start_analyse_documents: 'analysisPermissions.documents',
  can_start_analysis_quality: 'analysisPermissions.quality',
  can_start_analyse_quality: 'analysisPermissions.quality',
  credentials: 'input',
  profile: 'input',
};

// A reason for these fields could quote the value it rejects: a generic message is used instead.
const SECRET_FIELDS = new Set(['password', 'expire_token', 'access_token', 'credentials']);
const MAX_REASON_LENGTH = 200;

/** The body's `error_code`, when the body is an Oz error. */
export function ozErrorCode(response: UpstreamResponse): number | undefined {
  const body = response.body;
  return isRecord(body) && typeof body.error_code === 'number' ? body.error_code : undefined;
}

/**
 * Oz error code, else HTTP status, → Gatehouse error. `what` names the object in NOT_FOUND. A 5xx
 * never arrives here: the HTTP client has already thrown UPSTREAM_UNAVAILABLE for it.
 */
export function ozError(response: UpstreamResponse, fieldNames: Record<string, string> = {}, what = 'The object'): GatehouseError {
  const code = ozErrorCode(response) ?? codeForStatus(response.status);
  switch (code) {
    case OzErrorCode.INVALID_STRUCTURE:
    case OzErrorCode.INVALID_VALUE:
    case OzErrorCode.INVALID_TYPE:
      return invalidInput(response, { ...OZ_FIELDS, ...fieldNames });
    case OzErrorCode.AUTH_NOT_PROVIDED:
    case OzErrorCode.AUTH_INVALID:
    case OzErrorCode.AUTH_EXPIRED:
      return upstreamSignInEnded('forensic');
    case OzErrorCode.AUTH_FORBIDDEN:
      return forbidden('Your forensic role does not allow this.', 'forensic');
    case OzErrorCode.NOT_EXIST:
      return notFound(what, 'forensic');
    case OzErrorCode.EXTERNAL_SERVICE:
      return upstreamUnavailable('forensic', 'depends on a service that is unavailable');
    default:
      return upstreamError('forensic', `answered ${response.status}`);
  }
}

// A 400 without Oz's body names no field: the gateway cannot tell the client what to fix (UPSTREAM_ERROR).
function codeForStatus(status: number): number | undefined {
  return { 401: OzErrorCode.AUTH_INVALID, 403: OzErrorCode.AUTH_FORBIDDEN, 404: OzErrorCode.NOT_EXIST }[status];
}

function invalidInput(response: UpstreamResponse, fieldNames: Record<string, string>): GatehouseError {
  const details = isRecord(response.body) ? response.body.details : undefined;
  const fieldErrors: FieldErrors = {};
  for (const [field, reason] of reasons(details)) {
    const name = fieldNames[field] ?? camelCase(field);
    fieldErrors[name] = [...(fieldErrors[name] ?? []), reason];
  }
  const [first] = Object.entries(fieldErrors);
  if (!first) return badUserInput('The forensic service rejected the input.', undefined, 'forensic');
  return badUserInput(`Invalid ${first[0]}: ${first[1][0]}`, fieldErrors, 'forensic');
}

/** `details` as (upstream field, reason) pairs: `{"email": "already exists"}`, lists, or nested objects (leaf names count). */
function reasons(details: unknown, field?: string): Array<[string, string]> {
  if (typeof details === 'string' && field !== undefined) return [[field, safeReason(field, details)]];
  if (Array.isArray(details)) return details.flatMap((item) => reasons(item, field));
  if (isRecord(details)) return Object.entries(details).flatMap(([key, value]) => reasons(value, key));
  if (field !== undefined && details !== null && details !== undefined) return [[field, 'is not valid']];
  return [];
}

function safeReason(field: string, reason: string): string {
  if (SECRET_FIELDS.has(field) || reason.length > MAX_REASON_LENGTH) return 'is not valid';
  return reason;
}
