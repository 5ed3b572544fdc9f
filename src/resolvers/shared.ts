import type { AuthTokenResolvers, CompanyResolvers } from '../generated/graphql.js';
import { toUpstreamEnum } from '../upstreams.js';

// Company and AuthToken are shared by forensic and Rehive (the same records): only the enum needs translating.
export const Company: CompanyResolvers = {
  upstream: (company) => toUpstreamEnum(company.upstream),
};

export const AuthToken: AuthTokenResolvers = {
  upstream: (token) => toUpstreamEnum(token.upstream),
};

export const sharedResolvers = { Company, AuthToken };
