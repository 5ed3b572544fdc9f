/** A JSON object (not null, not an array): what an upstream body must be before its fields are read. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An upstream's snake_case field name as a GraphQL name (`first_name` → `firstName`), for `fieldErrors`. */
export const camelCase = (field: string): string => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
