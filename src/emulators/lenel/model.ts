/** The records the lenel emulator keeps, shaped like its JSON (modelled on OnGuard badges and cardholders). */

export type LenelRole = 'viewer' | 'operator';

export interface LenelUser {
  id: number;
  username: string;
  password: string;
  role: LenelRole;
  active: boolean;
}

export interface Employee {
  id: number;
  first_name: string;
  middle_name: string;
  last_name: string;
  employee_number: string;
  email: string | null;
  department: string;
  title: string;
  phone: string;
  last_changed: string;
}

export interface Badge {
  id: number;
  badge_number: string;
  employee_id: number | null;
  /** OnGuard status id; `status_name` is resolved from the site's status list when serialised. */
  status: number;
  type: string;
  activation_date: string | null;
  deactivation_date: string | null;
  last_changed: string;
}

export const STATUS_ACTIVE = 1;
export const STATUS_INACTIVE = 4;

/** The demo site's badge status list: OnGuard's defaults plus one site-specific status. */
export const DEMO_STATUSES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Active'],
  [2, 'Lost'],
  [3, 'Returned'],
  [4, 'Inactive'],
  [5, 'Destroyed'],
  [7, 'Suspended'],
];

export const BADGE_TYPES = ['Permanent', 'Temporary', 'Visitor'] as const;

/** OnGuard's badge ID for a badge key when none is given: the printed number, not the key. */
export const defaultBadgeNumber = (id: number): string => String(100033 + id);

export const defaultEmployeeNumber = (id: number): string => `E-${10018 + id}`;

/**
 * DRF's DateTimeField output: whole seconds without a fraction, otherwise microseconds
 * (`2026-11-23T07:15:50.651000Z`); the emulator's clock has millisecond resolution.
 */
export function drfDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 23)}000Z`;
}
