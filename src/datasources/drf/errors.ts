import { camelCase, isRecord } from '../core/json.js';
import { badUserInput, type FieldErrors, forbidden, type GatehouseError, notFound, upstreamError, upstreamSignInEnded } from '../../errors.js';
import type { UpstreamName } from '../../upstreams.js';
import type { UpstreamResponse } from '../core/http-client.js';

/**
 * Django REST Framework / simplejwt error bodies (docs/upstreams.md) to
 * Gatehouse errors. `fieldNames` translates upstream field names to GraphQL input names; an
 * unlisted field is camel-cased. The upstream body itself is never forwarded, only DRF's
 * validation messages, which are written for end users.
 */
export function drfError(upstream: UpstreamName, response: UpstreamResponse, fieldNames: Record<string, string> = {}, what = 'The object'): GatehouseError {
  const body = response.body;
  switch (response.status) {
    case 400: {
      if (!isRecord(body) || typeof body.detail === 'string') return upstreamError(upstream, 'rejected the request');
      const fieldErrors: FieldErrors = {};
      const general: string[] = [];
      for (const [field, messages] of Object.entries(body)) {
        const list = toMessages(messages);
        if (field === 'non_field_errors' || field === 'detail') general.push(...list);
        else {
          const name = fieldNames[field] ?? camelCase(field);
          fieldErrors[name] = [...(fieldErrors[name] ?? []), ...list];
        }
      }
      const first = general[0] ?? Object.values(fieldErrors)[0]?.[0] ?? 'The input is not valid.';
      return badUserInput(first, Object.keys(fieldErrors).length > 0 ? fieldErrors : undefined, upstream);
    }
    case 401:
      return upstreamSignInEnded(upstream);
    case 403:
      return forbidden('You do not have permission to perform this action.', upstream);
    case 404:
      // Django's HTML page is an unknown URL (a gateway or configuration fault), not a missing object.
      return isNotFound(response) ? notFound(what, upstream) : upstreamError(upstream, `answered ${response.status}`);
    default:
      return upstreamError(upstream, `answered ${response.status}`);
  }
}

/** DRF's JSON 404 (`{"detail":"Not found."}` or a newer wording): the object does not exist or is not visible. */
export function isNotFound(response: UpstreamResponse): boolean {
  return response.status === 404 && isRecord(response.body) && typeof response.body.detail === 'string';
}

/** simplejwt's "refresh token / access token no longer valid" answers. */
export function isTokenNotValid(response: UpstreamResponse): boolean {
  return response.status === 401 && isRecord(response.body) && response.body.code === 'token_not_valid';
}

function toMessages(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(toMessages);
  if (typeof value === 'string') return [value];
  if (isRecord(value)) return Object.values(value).flatMap(toMessages);
  return [];
}

