import type { LeaveRequestChange } from '../../datasources/hr/data-source.js';
import { notFound } from '../../errors.js';
import { InputCheck } from '../../validation/input.js';
import type { LeaveRequestInput, MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import { ID_ARGUMENTS, toGlobalId, upstreamId } from '../../validation/global-id.js';
import { HrUser, GENDER_IN, leaveRequestConnection } from './HrUser.js';
import { LeaveRequest } from './LeaveRequest.js';

const Query: QueryResolvers = {
  leaveRequests: (_, args, { hr }) => leaveRequestConnection(hr, args),
  leaveRequest: (_, { id }, { hr }) => hr.getLeaveRequest(leaveRequestId(id)),
};

const Mutation: MutationResolvers = {
  updateHrProfile: (_, { input }, { hr }) => {
    // DRF trims before it checks: so does the gateway.
    const [firstName, lastName, preferredName] = [input.firstName.trim(), input.lastName.trim(), input.preferredName?.trim() ?? ''];
    new InputCheck()
      .notBlank('firstName', firstName)
      .maxLength('firstName', firstName, 150)
      .notBlank('lastName', lastName)
      .maxLength('lastName', lastName, 150)
      .maxLength('preferredName', preferredName, 150)
      .done();
    return hr.updateMe({
      first_name: firstName,
      last_name: lastName,
      preferred_name: preferredName,
      gender: input.gender ? GENDER_IN[input.gender] : '',
      birth_date: input.birthDate ?? null,
    });
  },
  createLeaveRequest: (_, { input }, { hr }) => hr.createLeaveRequest(leaveChange(input)),
  updateLeaveRequest: (_, { id, input }, { hr }) => hr.updateLeaveRequest(leaveRequestId(id), leaveChange(input)),
  cancelLeaveRequest: async (_, { id }, { hr }) => {
    const requestId = leaveRequestId(id);
    const current = await hr.getLeaveRequest(requestId);
    if (!current) throw notFound('The leave request', 'hr');
    const { start, end, type, description } = current;
    return hr.updateLeaveRequest(requestId, { start, end, type, description, status: 'CANCELLED' });
  },
  deleteLeaveRequest: async (_, { id }, { hr }) => {
    const requestId = leaveRequestId(id);
    await hr.deleteLeaveRequest(requestId);
    return toGlobalId('LeaveRequest', requestId);
  },
};

const leaveRequestId = (id: string): string => upstreamId('id', id, ID_ARGUMENTS.leaveRequest);

/** Checked before the call so that a client gets every field error at once and no upstream request is spent. */
function leaveChange(input: LeaveRequestInput): LeaveRequestChange {
  const description = input.description ?? '';
  const check = new InputCheck().maxLength('description', description.trim(), 1000);
  if (Date.parse(input.end) <= Date.parse(input.start)) check.add('end', 'End must be after start.');
  check.done();
  return { start: input.start, end: input.end, type: input.type, description };
}

export const hrResolvers = { Query, Mutation, HrUser, LeaveRequest };
