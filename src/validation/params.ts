import { invalidField } from '../errors.js';

/**
 * Path parameters are user input that ends up in an upstream URL. Each is validated against its
 * pattern (so it can never be `..`, contain `/`, `?`, `#` or an encoded slash) and then
 * percent-encoded, before any upstream call is made.
 */
const MAX_BIGINT = 2n ** 63n - 1n;

export const ParamKind = {
  /** A database id: DRF answers ids beyond 64 bits with an HTML 500, so the range is checked too. */
  positiveInt: { pattern: /^[1-9]\d{0,18}$/, describe: 'must be a positive integer' },
  uuid: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, describe: 'must be a UUID' },
  /** Rehive authenticator identifiers */
  identifier: { pattern: /^[a-zA-Z0-9_-]+$/, describe: 'may contain only letters, digits, "_" and "-"' },
  /** Rehive token keys: a token's first 8 characters (up to 32 allowed), so that 100 of them in a filter stay a short query string. */
  word: { pattern: /^\w{1,32}$/, describe: 'may contain only letters, digits and "_"' },
} as const;
export type ParamKind = keyof typeof ParamKind;

/** Validates one path parameter; the field name is the GraphQL argument name used in errors. */
export function checkParam(field: string, value: string, kind: ParamKind): string {
  const { pattern, describe } = ParamKind[kind];
  if (value.length === 0) throw invalidField(field, 'must not be empty');
  if (value.length > 128 || !pattern.test(value)) throw invalidField(field, describe);
  if (kind === 'positiveInt' && BigInt(value) > MAX_BIGINT) throw invalidField(field, 'is out of range');
  return value;
}
