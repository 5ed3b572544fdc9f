import type { BadgeResolvers, BadgeStatus } from '../../generated/graphql.js';
import type { LenelBadgeRecord } from '../../datasources/lenel/records.js';
import { toGlobalId } from '../../validation/global-id.js';

/** The demo site's (and OnGuard's default) status list; any other code is a site-specific OTHER. */
const STATUS_BY_CODE: Readonly<Record<number, BadgeStatus>> = { 1: 'ACTIVE', 2: 'LOST', 3: 'RETURNED', 4: 'INACTIVE', 5: 'DESTROYED' };

export const badgeStatus = (badge: LenelBadgeRecord): BadgeStatus => STATUS_BY_CODE[badge.status] ?? 'OTHER';

export const Badge: BadgeResolvers = {
  id: (badge) => toGlobalId('Badge', badge.id),
  badgeNumber: (badge) => badge.badge_number,
  status: badgeStatus,
  statusCode: (badge) => badge.status,
  statusName: (badge) => badge.status_name ?? '',
  type: (badge) => badge.type || null,
  activatedAt: (badge) => badge.activation_date,
  deactivatedAt: (badge) => badge.deactivation_date,
  lastChangedAt: (badge) => badge.last_changed,
  employee: (badge, _, { lenel }) => {
    if (badge.employee_id == null) return null;
    // Once the cardholder index is loaded, answer synchronously: a promise per badge is measurable
    // on large pages.
    const loaded = lenel.employeeIfLoaded(badge.employee_id);
    return loaded !== undefined ? loaded : lenel.getEmployee(badge.employee_id);
  },
};
