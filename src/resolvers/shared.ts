import type { AuthTokenResolvers, CompanyResolvers } from '../generated/graphql.js';
import { toUpstreamEnum } from '../upstreams.js';
import { toGlobalId } from '../validation/global-id.js';

// Company and AuthToken are shared by forensic and Rehive (the same records): their global ids name the upstream.
export const Company: CompanyResolvers = {
  id: (company) => toGlobalId('Company', company.id, company.upstream),
  upstream: (company) => toUpstreamEnum(company.upstream),
  // Rehive's auth API gives a user's company as its id only: the name is read when a client asks for it.
  name: (company, _, context) => (company.upstream === 'rehive' ? context.rehive.getCompanyName(company.id) : company.name),
};

export const AuthToken: AuthTokenResolvers = {
  id: (token) => toGlobalId('AuthToken', token.id, token.upstream),
  upstream: (token) => toUpstreamEnum(token.upstream),
};

export const sharedResolvers = { Company, AuthToken };
