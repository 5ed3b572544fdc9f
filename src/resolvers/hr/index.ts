import type { LeaveRequestChange } from '../../datasources/hr/index.js';
import { badUserInput, notFound, type FieldErrors } from '../../errors.js';
import type { LeaveRequestInput, MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import { checkParam } from '../../datasources/path.js';
import { HrUser, GENDER_IN, leaveRequestConnection } from './HrUser.js';
import { LeaveRequest } from './LeaveRequest.js';

const Query: QueryResolvers = {
  leaveRequests: (_, args, { hr }) => leaveRequestConnection(hr, args),
  leaveRequest: (_, { id }, { hr }) => hr.getLeaveRequest(checkParam('id', id, 'positiveInt')),
};

const Mutation: MutationResolvers = {
  updateHrProfile: (_, { input }, { hr }) => {
    checkLengths({ firstName: input.firstName, lastName: input.lastName, preferredName: input.preferredName ?? '' }, 150, ['firstName', 'lastName']);
    return hr.updateMe({
      first_name: input.firstName.trim(),
      last_name: input.lastName.trim(),
      preferred_name: input.preferredName?.trim() ?? '',
      gender: input.gender ? GENDER_IN[input.gender] : '',
      birth_date: input.birthDate ?? null,
    });
  },
  createLeaveRequest: (_, { input }, { hr }) => hr.createLeaveRequest(leaveChange(input)),
  updateLeaveRequest: (_, { id, input }, { hr }) => hr.updateLeaveRequest(checkParam('id', id, 'positiveInt'), leaveChange(input)),
  cancelLeaveRequest: async (_, { id }, { hr }) => {
    const current = await hr.getLeaveRequest(checkParam('id', id, 'positiveInt'));
    if (!current) throw notFound('The leave request', 'hr');
    const { start, end, type, description } = current;
    return hr.updateLeaveRequest(id, { start, end, type, description, status: 'CANCELLED' });
  },
  deleteLeaveRequest: async (_, { id }, { hr }) => {
    await hr.deleteLeaveRequest(checkParam('id', id, 'positiveInt'));
    return id;
  },
};

/** Checked before the call so that a client gets every field error at once and no upstream request is spent. */
function leaveChange(input: LeaveRequestInput): LeaveRequestChange {
  const description = input.description ?? '';
  checkLengths({ description }, 1000, []);
  if (Date.parse(input.end) <= Date.parse(input.start)) throw badUserInput('End must be after start.', { end: ['End must be after start.'] });
  return { start: input.start, end: input.end, type: input.type, description };
}

function checkLengths(fields: Record<string, string>, max: number, required: string[]): void {
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(fields)) {
    // As Django counts: after DRF's whitespace trimming, in code points (not UTF-16 units).
    const text = value.trim();
    if (required.includes(name) && text === '') errors[name] = ['This field may not be blank.'];
    else if ([...text].length > max) errors[name] = [`Ensure this field has no more than ${max} characters.`];
  }
  const first = Object.values(errors)[0]?.[0];
  if (first) throw badUserInput(first, errors);
}

export const hrResolvers = { Query, Mutation, HrUser, LeaveRequest };
