import type { LenelBadgeRecord, LenelEmployeeRecord } from '../../src/datasources/lenel/records.js';

/**
 * What every peer needs to turn lenel records into the public schema's values, written once so the
 * peers differ only in how they fetch and execute (the point of the comparison).
 */
export type { LenelBadgeRecord, LenelEmployeeRecord };

const STATUS_NAMES: Record<number, string> = { 1: 'ACTIVE', 2: 'LOST', 3: 'RETURNED', 4: 'INACTIVE', 5: 'DESTROYED' };

export const badgeStatus = (code: number): string => STATUS_NAMES[code] ?? 'OTHER';

/** The `DateTime` scalar's output: ISO 8601 in UTC with milliseconds. */
export const isoDate = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** First, middle and last name joined, empty parts skipped. */
export const fullName = (e: LenelEmployeeRecord): string =>
  [e.first_name, e.middle_name, e.last_name].filter((part) => part && part.trim() !== '').join(' ');

/**
 * Index of the first item after an opaque `after` cursor. The harness takes cursors from Gatehouse
 * (`base64url("<kind>:<id>")`), so the peers only need the id after the last colon.
 */
export function startAfter<T extends { id: number }>(items: readonly T[], after: string | null | undefined): number {
  if (!after) return 0;
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  const id = Number(decoded.slice(decoded.lastIndexOf(':') + 1));
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw new Error('after is not a cursor of this list');
  return index + 1;
}

export const cursorOf = (kind: string, id: number): string => Buffer.from(`${kind}:${id}`).toString('base64url');

/** The public schema's global ids (Relay object identification): `base64url("<Type>:<id>")`. */
export const globalId = (type: 'Badge' | 'Employee', id: number): string => Buffer.from(`${type}:${id}`).toString('base64url');

/** `first` as the schema defines it: default 20, at most 100. */
export function pageOf<T extends { id: number }>(items: readonly T[], first: number | null | undefined, after: string | null | undefined): T[] {
  const size = first ?? 20;
  if (size < 0 || size > 100) throw new Error('first must be between 0 and 100');
  const start = startAfter(items, after);
  return items.slice(start, start + size);
}

/** A Relay connection over a page, the shape the Apollo peers return from `badges`/`employees`. */
export function connection<T extends { id: number }>(items: readonly T[], args: { first?: number | null; after?: string | null }, kind: string) {
  const start = startAfter(items, args.after);
  const page = pageOf(items, args.first, args.after);
  const edges = page.map((node) => ({ cursor: cursorOf(kind, node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: start + page.length < items.length, hasPreviousPage: start > 0, startCursor: edges.at(0)?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}

/** The caller as the peers see it: they take a lenel access token directly, so there is no session. */
export const peerViewer = (authorization: string | undefined) =>
  authorization ? { signedIn: true, accounts: [{ upstream: 'LENEL' }] } : { signedIn: false, accounts: [] };

/** The plain field resolvers both Apollo peers share; each adds its own `employee` / `badges` loading. */
export const badgeFields = {
  id: (badge: LenelBadgeRecord) => globalId('Badge', badge.id),
  badgeNumber: (badge: LenelBadgeRecord) => badge.badge_number,
  status: (badge: LenelBadgeRecord) => badgeStatus(badge.status),
  statusCode: (badge: LenelBadgeRecord) => badge.status,
  statusName: (badge: LenelBadgeRecord) => badge.status_name,
  type: (badge: LenelBadgeRecord) => badge.type || null,
  activatedAt: (badge: LenelBadgeRecord) => badge.activation_date,
  deactivatedAt: (badge: LenelBadgeRecord) => badge.deactivation_date,
  lastChangedAt: (badge: LenelBadgeRecord) => badge.last_changed,
};

export const employeeFields = {
  id: (employee: LenelEmployeeRecord) => globalId('Employee', employee.id),
  firstName: (employee: LenelEmployeeRecord) => employee.first_name,
  middleName: (employee: LenelEmployeeRecord) => employee.middle_name || null,
  lastName: (employee: LenelEmployeeRecord) => employee.last_name,
  fullName: (employee: LenelEmployeeRecord) => fullName(employee),
  employeeNumber: (employee: LenelEmployeeRecord) => employee.employee_number || null,
  email: (employee: LenelEmployeeRecord) => employee.email || null,
  department: (employee: LenelEmployeeRecord) => employee.department || null,
  title: (employee: LenelEmployeeRecord) => employee.title || null,
  phone: (employee: LenelEmployeeRecord) => employee.phone || null,
};
