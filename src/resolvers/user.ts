import type { UserResolvers } from '../generated/graphql.js';

const User: UserResolvers = {
  __resolveType: (parent) => {
    if ('user_type' in parent || 'role' in parent) return 'ForensicUser';
    if ('verified' in parent && 'groups' in parent) return 'RehiveUser';
    return 'HrUser';
  },
};

/** "First Last", or the e-mail when both are empty. */
export function fullName(...parts: Array<string | null | undefined>): string {
  return parts.filter((part) => part && part.trim() !== '').join(' ');
}

export const userResolvers = { User };
