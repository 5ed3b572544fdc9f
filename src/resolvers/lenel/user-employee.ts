import type { ForensicUserResolvers, HrUserResolvers, RehiveUserResolvers } from '../../generated/graphql.js';
import type { GatehouseContext } from '../../context.js';
import type { LenelEmployeeRecord } from '../../datasources/lenel/records.js';

/**
 * `User.employee`: the cardholder with the user's e-mail, read with the caller's own lenel account
 * or else the gateway's service account. Under this link the caller reaches only that cardholder
 * and its badges (the root lenel fields still need their own account).
 */
function employeeOf(user: { email?: string | null }, _: unknown, context: GatehouseContext): Promise<LenelEmployeeRecord | null> | null {
  // No e-mail: nothing to match, and no reason to touch (or require) lenel at all.
  if (!user.email?.trim()) return null;
  return context.lenel.findEmployeeByEmail(user.email);
}

const HrUser: HrUserResolvers = { employee: employeeOf };
const ForensicUser: ForensicUserResolvers = { employee: employeeOf };
const RehiveUser: RehiveUserResolvers = { employee: employeeOf };

export const userEmployeeResolvers = { HrUser, ForensicUser, RehiveUser };
