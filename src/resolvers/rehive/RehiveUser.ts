import { rehiveCompany, type RehiveUserRecord } from '../../datasources/rehive/records.js';
import type { MaritalStatus, RehiveGender, RehiveUserResolvers, Title } from '../../generated/graphql.js';
import { toGlobalId } from '../../validation/global-id.js';
import { fullName } from '../user.js';
import { tokenFilter } from './token-filter.js';

/** Rehive's lower-case choice → the GraphQL enum value; null when unset or a value the schema does not know. */
const choice =
  <E extends string>(values: readonly E[]) =>
  (value: string | null | undefined): E | null => {
    const upper = value?.toUpperCase();
    return (values as readonly string[]).includes(upper ?? '') ? (upper as E) : null;
  };
const gender = choice<RehiveGender>(['MALE', 'FEMALE', 'OTHER', 'NOT_SPECIFIED']);
const title = choice<Title>(['MR', 'MRS', 'MS', 'MX']);
const maritalStatus = choice<MaritalStatus>(['SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED']);

export const RehiveUser: RehiveUserResolvers = {
  id: (user) => toGlobalId('RehiveUser', user.id),
  upstream: () => 'REHIVE',
  email: (user) => user.email || null,
  firstName: (user) => user.first_name || null,
  lastName: (user) => user.last_name || null,
  fullName: (user) => fullName(user.first_name, user.last_name) || user.email || user.username || user.mobile || user.id,
  username: (user) => user.username || null,
  mobile: (user) => user.mobile || null,
  // The profile fields as Rehive holds them: an empty string stays an empty string.
  middleName: (user) => user.middle_name ?? null,
  idNumber: (user) => user.id_number ?? null,
  birthDate: (user) => user.birth_date || null,
  language: (user) => user.language ?? null,
  gender: (user) => gender(user.gender),
  title: (user) => title(user.title),
  maritalStatus: (user) => maritalStatus(user.marital_status),
  nationality: (user) => user.nationality ?? null,
  residency: (user) => user.residency ?? null,
  timezone: (user) => user.timezone ?? null,
  company: (user) => (user.company ? rehiveCompany(user.company) : null),
  verified: (user) => user.verified === true,
  emailVerified: (user) => user.verification?.email === true,
  mobileVerified: (user) => user.verification?.mobile === true,
  status: (user) => user.status ?? null,
  groups: (user: RehiveUserRecord) => user.groups.map((group) => group.name),
  // From the same `GET /3/auth/` read as the user.
  token: (_, __, { rehive }) => rehive.getSessionToken(),
  // The same loaders as the root fields: one upstream read each per request.
  mfaAuthenticators: (_, __, { rehive }) => rehive.listAuthenticators(),
  authTokens: (_, { filter }, { rehive }) => rehive.listTokens(tokenFilter(filter)),
};
