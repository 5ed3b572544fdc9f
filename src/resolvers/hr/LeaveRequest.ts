import type { LeaveRequestResolvers } from '../../generated/graphql.js';

export const LeaveRequest: LeaveRequestResolvers = {
  id: (request) => String(request.id),
  createdAt: (request) => request.created_at ?? null,
  owner: (_, __, { hr }) => hr.getMe(),
};
