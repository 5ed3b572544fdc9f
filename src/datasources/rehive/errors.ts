import { badUserInput, type FieldErrors, forbidden, type GatehouseError, mfaRequired, notFound, upstreamError, upstreamSignInEnded } from '../../errors.js';
import type { UpstreamResponse } from '../core/http-client.js';
import { camelCase, isRecord } from '../core/json.js';

export interface RehiveErrorOptions {
  /** Rehive field → GraphQL input field (dotted for nested inputs); an unlisted field is camel-cased. */
  fieldNames?: Record<string, string>;
  /** The GraphQL field a message-only 400 is about (e.g. `code` for "Invalid token." at MFA verify). */
  messageField?: string;
  /** Message-only 400s about other fields than `messageField`: message → the GraphQL fields it concerns. */
  messageFields?: Record<string, readonly string[]>;
  /** For NOT_FOUND: "The authenticator", … */
  what?: string;
}

/**
 * Message-only 400s that Rehive writes for end users. Any other message-only 400 is reported
 * without its text: the gateway never forwards upstream wording it has not vetted.
 */
const USER_MESSAGES = new Set([
  'Invalid token.',
  'Invalid OTP.',
  'Invalid key.',
  'Invalid challenge.',
  'Invalid authenticator.',
  'An email, mobile or username is required.',
  'The authenticator does not support delivery.',
  'There is no SMS authenticator to deliver to.',
  'A challenge or an authenticator is required.',
  'Provide either a challenge or an authenticator, not both.',
]);

/**
 * The Rehive envelope (`{"status":"error","message":…,"data"?:…}`) to a Gatehouse error. 429 never
 * reaches this function (the upstream client throws RATE_LIMITED with Retry-After); the caller
 * handles 401 (it signs the account out) and the login's "Unable to log in" (invalidCredentials).
 */
export function rehiveError(response: UpstreamResponse, options: RehiveErrorOptions = {}): GatehouseError {
  const body = isRecord(response.body) ? response.body : {};
  const message = typeof body.message === 'string' ? body.message : undefined;
  switch (response.status) {
    case 400: {
      if (isRecord(body.data)) {
        const fieldErrors: FieldErrors = {};
        collect(body.data, '', options.fieldNames ?? {}, fieldErrors);
        const first = Object.values(fieldErrors)[0]?.[0];
        if (first) return badUserInput(first, fieldErrors, 'rehive');
      }
      if (message && USER_MESSAGES.has(message)) {
        const fields = options.messageFields?.[message] ?? (options.messageField ? [options.messageField] : []);
        return badUserInput(message, fields.length > 0 ? Object.fromEntries(fields.map((field) => [field, [message]])) : undefined, 'rehive');
      }
      return badUserInput('The rehive service rejected the input.', undefined, 'rehive');
    }
    case 401:
      return upstreamSignInEnded('rehive');
    case 403: {
      const challengeId = pendingChallenge(body);
      return challengeId ? mfaRequired(challengeId) : forbidden('You do not have permission to perform this action.', 'rehive');
    }
    case 404:
      return notFound(options.what, 'rehive');
    default:
      return upstreamError('rehive', `answered ${response.status}`);
  }
}

/** The id of the open challenge in Rehive's 403 "Multi-factor authentication required." */
export function pendingChallenge(body: Record<string, unknown>): string | undefined {
  const challenges = isRecord(body.data) ? body.data.challenges : undefined;
  if (!Array.isArray(challenges)) return undefined;
  const first: unknown = challenges[0];
  return isRecord(first) && typeof first.id === 'string' ? first.id : undefined;
}

/** DRF-style field errors, nested for nested serializers (`company: {id: […]}` → `company.id`). */
function collect(data: Record<string, unknown>, prefix: string, names: Record<string, string>, out: FieldErrors): void {
  for (const [field, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${field}` : field;
    if (isRecord(value)) {
      collect(value, path, names, out);
      continue;
    }
    const messages = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    if (messages.length === 0) continue;
    const name = field === 'non_field_errors' && prefix ? (names[prefix] ?? camelCase(prefix)) : (names[path] ?? camelCase(path));
    out[name] = [...(out[name] ?? []), ...messages];
  }
}

