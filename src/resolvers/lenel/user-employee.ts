import type { GatehouseContext } from '../../context.js';
import type { EmailIdentity } from '../../datasources/lenel/upstream.js';
import { normalizeEmail } from '../../datasources/lenel/indexes.js';
import type { ForensicUserResolvers, HrUserResolvers, RehiveUserResolvers } from '../../generated/graphql.js';

/**
 * `User.employee`: the cardholder with the user's e-mail, read with the caller's own lenel account
 * or else the gateway's service account. Under this link the caller reaches only that cardholder
 * and its badges (the root lenel fields still need their own account). Each upstream says whether
 * it vouches for the e-mail: hr's is the directory login, Rehive's only once verified, and a
 * forensic user's is whatever the admin who created it typed (trusted only if the operator lists
 * FORENSIC in EMPLOYEE_LINK_UPSTREAMS).
 */
const HrUser: HrUserResolvers = {
  employee: (user, _, context) => employeeOf({ upstream: 'hr', email: user.email, vouched: true }, context),
};
const ForensicUser: ForensicUserResolvers = {
  employee: (user, _, context) => employeeOf({ upstream: 'forensic', email: user.email, vouched: true }, context),
};
const RehiveUser: RehiveUserResolvers = {
  employee: (user, _, context) => employeeOf({ upstream: 'rehive', email: user.email, vouched: user.verification?.email === true }, context),
};

// No e-mail: nothing to match, and no reason to touch (or require) lenel at all.
const employeeOf = (identity: EmailIdentity, context: GatehouseContext) => (normalizeEmail(identity.email) ? context.lenel.employeeOf(identity) : null);

export const userEmployeeResolvers = { HrUser, ForensicUser, RehiveUser };
