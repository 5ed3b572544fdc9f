import type { AuthTokenResolvers, CompanyResolvers } from '../generated/graphql.js';
import { toUpstreamEnum } from '../upstreams.js';
import { toGlobalId } from '../validation/global-id.js';

// Company and AuthToken are shared by forensic and Rehive (the same records): their global ids name the upstream.
export const Company: CompanyResolvers = {
  id: (company) => toGlobalId('Company', company.id, company.upstream),
  upstream: (company) => toUpstreamEnum(company.upstream),
};

export const AuthToken: AuthTokenResolvers = {
  id: (token) => toGlobalId('AuthToken', token.id, token.upstream),
  upstream: (token) => toUpstreamEnum(token.upstream),
};

export const sharedResolvers = { Company, AuthToken };
