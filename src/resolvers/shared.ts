import type { AuthTokenResolvers, CompanyResolvers } from '../generated/graphql.js';
import { toUpstreamEnum } from '../upstreams.js';

// Company and AuthToken are shared by forensic and Rehive (the same records): only the enum needs translating.
export const Company: CompanyResolvers = {
  upstream: (company) => toUpstreamEnum(company.upstream),
  // Rehive's auth API gives a user's company as its id only: the name is read when a client asks for it.
  name: (company, _, context) => (company.upstream === 'rehive' ? context.rehive.getCompanyName(company.id) : company.name),
};

export const AuthToken: AuthTokenResolvers = {
  upstream: (token) => toUpstreamEnum(token.upstream),
};

export const sharedResolvers = { Company, AuthToken };
