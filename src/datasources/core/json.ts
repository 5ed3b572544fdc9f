/** A JSON object (not null, not an array): what an upstream body must be before its fields are read. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An upstream's snake_case field name as a GraphQL name (`first_name` → `firstName`), for `fieldErrors`. */
export const camelCase = (field: string): string => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The most a Date holds either side of the epoch, in milliseconds (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

/** An upstream's epoch milliseconds, when a Date can hold them; else null (a year 300,000 would throw RangeError later). */
export const epochMs = (value: unknown): number | null => (typeof value === 'number' && Math.abs(value) <= MAX_DATE_MS ? value : null);

/** An upstream's epoch milliseconds as an ISO date-time, or null when not a number a Date can hold. */
export function isoOrNull(value: unknown): string | null {
  const ms = epochMs(value);
  return ms === null ? null : new Date(ms).toISOString();
}
