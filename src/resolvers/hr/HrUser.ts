import type { HrDataSource } from '../../datasources/hr/data-source.js';
import type { HrUserResolvers, LeaveStatus } from '../../generated/graphql.js';
import type { HrUserRecord } from '../../datasources/hr/records.js';
import type { HrLeaveRequestRecord } from '../../datasources/hr/records.js';
import { toGlobalId } from '../../validation/global-id.js';
import { checkPageArgs, connectionFromList, sortByOrder, type ListOrder, type PageArgs } from '../connection.js';
import { fullName } from '../user.js';

const GENDER_OUT = { male: 'MALE', female: 'FEMALE', other: 'OTHER', '': 'NOT_SPECIFIED' } as const;
export const GENDER_IN = { MALE: 'male', FEMALE: 'female', OTHER: 'other', NOT_SPECIFIED: '' } as const;

export const HrUser: HrUserResolvers = {
  id: (user) => toGlobalId('HrUser', user.id),
  upstream: () => 'HR',
  email: (user) => user.email,
  firstName: (user) => user.first_name,
  lastName: (user) => user.last_name,
  fullName: (user) => fullName(user.first_name, user.last_name) || user.email,
  preferredName: (user) => user.preferred_name || null,
  gender: (user: HrUserRecord) => (user.gender === null ? null : (GENDER_OUT[user.gender] ?? null)),
  birthDate: (user) => user.birth_date,
  leaveRequests: (_, args, { hr }) => leaveRequestConnection(hr, args),
};

/**
 * Newest start first, as the upstream lists them; the contract leaves ties open, so the gateway
 * breaks them by id (newest first) and sorts itself. Cursors are (start, id).
 */
const LEAVE_REQUEST_ORDER: ListOrder<HrLeaveRequestRecord> = {
  kind: 'LeaveRequest',
  keys: [(request) => -(Date.parse(request.start) || 0), (request) => -request.id],
};

/** Shared by `HrUser.leaveRequests` and `Query.leaveRequests`: one list read per request serves both. */
export async function leaveRequestConnection(hr: HrDataSource, args: PageArgs & { status?: LeaveStatus | null }) {
  checkPageArgs(args, LEAVE_REQUEST_ORDER);
  const all = await hr.listLeaveRequests();
  const matching = args.status ? all.filter((request) => request.status === args.status) : [...all];
  return connectionFromList(sortByOrder(matching, LEAVE_REQUEST_ORDER), args, LEAVE_REQUEST_ORDER);
}
