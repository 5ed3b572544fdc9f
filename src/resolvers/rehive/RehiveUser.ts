import type { RehiveUserRecord } from '../../datasources/rehive/records.js';
import type { RehiveUserResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../validation/global-id.js';
import { fullName } from '../user.js';

export const RehiveUser: RehiveUserResolvers = {
  id: (user) => toGlobalId('RehiveUser', user.id),
  upstream: () => 'REHIVE',
  email: (user) => user.email || null,
  firstName: (user) => user.first_name || null,
  lastName: (user) => user.last_name || null,
  fullName: (user) => fullName(user.first_name, user.last_name) || user.email || user.username || user.mobile || user.id,
  username: (user) => user.username || null,
  mobile: (user) => user.mobile || null,
  company: (user) => (user.company ? { id: user.company, upstream: 'rehive', name: null, inDeletion: null } : null),
  verified: (user) => user.verified === true,
  emailVerified: (user) => user.verification?.email === true,
  mobileVerified: (user) => user.verification?.mobile === true,
  status: (user) => user.status ?? null,
  groups: (user: RehiveUserRecord) => user.groups.map((group) => group.name),
  // The same loaders as the root fields: one upstream read each per request.
  mfaAuthenticators: (_, __, { rehive }) => rehive.listAuthenticators(),
  authTokens: (_, __, { rehive }) => rehive.listTokens(),
};
