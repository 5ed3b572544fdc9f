import type { LeaveRequestResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../validation/global-id.js';

export const LeaveRequest: LeaveRequestResolvers = {
  id: (request) => toGlobalId('LeaveRequest', request.id),
  createdAt: (request) => request.created_at ?? null,
  owner: (_, __, { hr }) => hr.getMe(),
};
