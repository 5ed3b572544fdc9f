import { ID_ARGUMENTS, upstreamId } from '../../validation/global-id.js';
import type { CompanyConnectionResolvers, ForensicUserConnectionResolvers, MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import { invalidField } from '../../errors.js';
import { ForensicUser } from './ForensicUser.js';
import { offsetConnection } from './page.js';

const Query: QueryResolvers = {
  company: (_, { id }, { forensic }) => forensic.getCompany(upstreamId('id', id, ID_ARGUMENTS.forensicCompany)),
  companies: (_, { name, first, after }, { forensic }) =>
    offsetConnection('Company', { first, after }, (company) => company.id, (page) => forensic.listCompanies(name, page), () => forensic.countCompanies(name)),
  forensicUser: (_, { id }, { forensic }) => forensic.getUser(upstreamId('id', id, ID_ARGUMENTS.forensicUser)),
  forensicUsers: (_, { companyId, first, after }, { forensic }) => {
    const company = companyId == null ? null : upstreamId('companyId', companyId, ID_ARGUMENTS.forensicCompany);
    return offsetConnection('ForensicUser', { first, after }, (user) => user.user_id, (page) => forensic.listUsers(company, page), () => forensic.countUsers(company));
  },
};

const Mutation: MutationResolvers = {
  createCompany: (_, { name, technicalMetaData }, { forensic }) => {
    if (name.trim() === '') throw invalidField('name', 'must not be empty');
    return forensic.createCompany(name.trim(), technicalMetaData);
  },
  createForensicUser: (_, { input }, { forensic }) => {
    const permissions = input.analysisPermissions;
    return forensic.createUser({
      companyId: upstreamId('companyId', input.companyId, ID_ARGUMENTS.forensicCompany),
      email: input.email.trim(),
      password: input.password,
      firstName: input.firstName,
      lastName: input.lastName,
      middleName: input.middleName ?? '',
      role: input.role,
      permissions: {
        biometry: permissions?.biometry ?? false,
        collection: permissions?.collection ?? false,
        documents: permissions?.documents ?? false,
        quality: permissions?.quality ?? false,
      },
    });
  },
  issueServiceToken: (_, { userId }, { forensic }) => forensic.issueServiceToken(upstreamId('userId', userId, ID_ARGUMENTS.forensicUser)),
};

const CompanyConnection: CompanyConnectionResolvers = { totalCount: (page) => page.totalCount() };
const ForensicUserConnection: ForensicUserConnectionResolvers = { totalCount: (page) => page.totalCount() };

export const forensicResolvers = { Query, Mutation, ForensicUser, CompanyConnection, ForensicUserConnection };
