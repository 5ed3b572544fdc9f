import type { ForensicUserResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../validation/global-id.js';
import { fullName } from '../user.js';

export const ForensicUser: ForensicUserResolvers = {
  id: (user) => toGlobalId('ForensicUser', user.user_id),
  upstream: () => 'FORENSIC',
  email: (user) => user.email,
  firstName: (user) => user.first_name,
  lastName: (user) => user.last_name,
  fullName: (user) => fullName(user.first_name, user.last_name) || user.email || '',
  // As Oz holds it: the guide's users have `"middle_name": ""`, which stays an empty string.
  middleName: (user) => user.middle_name,
  role: (user) => user.role,
  active: (user) => user.is_active,
  analysisPermissions: (user) => user.permissions,
  company: (user, _, { forensic }) => forensic.companyOfUser(user),
};
