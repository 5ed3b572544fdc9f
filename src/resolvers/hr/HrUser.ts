import type { HrDataSource } from '../../datasources/hr/data-source.js';
import type { HrUserResolvers, LeaveStatus } from '../../generated/graphql.js';
import type { HrUserRecord } from '../../datasources/hr/records.js';
import { connectionFromList } from '../connection.js';
import { fullName } from '../user.js';

const GENDER_OUT = { male: 'MALE', female: 'FEMALE', other: 'OTHER', '': 'NOT_SPECIFIED' } as const;
export const GENDER_IN = { MALE: 'male', FEMALE: 'female', OTHER: 'other', NOT_SPECIFIED: '' } as const;

export const HrUser: HrUserResolvers = {
  id: (user) => String(user.id),
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

/** Shared by `HrUser.leaveRequests` and `Query.leaveRequests`: one list read per request serves both. */
export async function leaveRequestConnection(hr: HrDataSource, args: { status?: LeaveStatus | null; first?: number | null; after?: string | null }) {
  const all = await hr.listLeaveRequests();
  const matching = args.status ? all.filter((request) => request.status === args.status) : all;
  return connectionFromList(matching, args, 'LeaveRequest', (request) => String(request.id));
}
