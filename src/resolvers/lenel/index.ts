import { ID_ARGUMENTS, upstreamId } from '../../validation/global-id.js';
import type { BadgeFilter, EmployeeFilter, MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import type { LenelDataSource } from '../../datasources/lenel/data-source.js';
import type { LenelBadgeRecord, LenelEmployeeRecord } from '../../datasources/lenel/records.js';
import { normalizeEmail } from '../../datasources/lenel/indexes.js';
import { checkPageArgs, connectionFromList, type ListOrder, type PageArgs } from '../connection.js';
import { selects } from '../selection.js';
import { Badge, badgeStatus } from './Badge.js';
import { Employee } from './Employee.js';
import { userEmployeeResolvers } from './user-employee.js';

// The data source holds both lists in id order (the contract defines none): cursors are ids.
const BADGE_ORDER: ListOrder<LenelBadgeRecord> = { kind: 'Badge', keys: [(badge) => badge.id] };
const EMPLOYEE_ORDER: ListOrder<LenelEmployeeRecord> = { kind: 'Employee', keys: [(employee) => employee.id] };

const Query: QueryResolvers = {
  badges: (_, { filter, ...page }, { lenel }, info) => {
    if (selects(info, 'employee')) lenel.prefetchEmployees();
    return badgeConnection(lenel, filter, page);
  },
  badge: (_, { id }, { lenel }, info) => {
    const badgeId = upstreamId('id', id, ID_ARGUMENTS.badge);
    lenel.requireOwnAccount();
    if (selects(info, 'employee')) lenel.prefetchEmployees();
    return lenel.getBadge(badgeId);
  },
  employees: (_, { filter, ...page }, { lenel }) => employeeConnection(lenel, filter, page),
  employee: (_, { id }, { lenel }) => {
    const employeeId = upstreamId('id', id, ID_ARGUMENTS.employee);
    lenel.requireOwnAccount();
    return lenel.getEmployee(employeeId);
  },
};

const Mutation: MutationResolvers = {
  updateBadgeStatus: (_, { badgeId, status }, { lenel }) => lenel.updateBadgeStatus(upstreamId('badgeId', badgeId, ID_ARGUMENTS.badge), status),
};

// Lenel has no filter parameters: filters apply to the (cached) full list, checked before any read.
async function badgeConnection(lenel: LenelDataSource, filter: BadgeFilter | null | undefined, page: PageArgs) {
  checkPageArgs(page, BADGE_ORDER);
  const employeeId = filter?.employeeId == null ? undefined : upstreamId('employeeId', filter.employeeId, ID_ARGUMENTS.employee);
  let badges: readonly LenelBadgeRecord[];
  if (employeeId !== undefined) {
    lenel.requireOwnAccount();
    badges = await lenel.badgesOfEmployee(employeeId);
  } else badges = await lenel.listBadges();
  const { status, badgeNumber } = filter ?? {};
  if (status) badges = badges.filter((badge) => badgeStatus(badge) === status);
  if (badgeNumber != null) badges = badges.filter((badge) => badge.badge_number === badgeNumber.trim());
  return connectionFromList(badges, page, BADGE_ORDER);
}

async function employeeConnection(lenel: LenelDataSource, filter: EmployeeFilter | null | undefined, page: PageArgs) {
  checkPageArgs(page, EMPLOYEE_ORDER);
  const index = await lenel.listEmployees();
  let employees: readonly LenelEmployeeRecord[] = filter?.search ? index.search(filter.search) : index.list;
  const email = filter?.email == null ? undefined : normalizeEmail(filter.email);
  if (email) employees = employees.filter((employee) => normalizeEmail(employee.email) === email);
  const department = filter?.department?.trim().toLowerCase();
  if (department) employees = employees.filter((employee) => employee.department?.trim().toLowerCase() === department);
  return connectionFromList(employees, page, EMPLOYEE_ORDER);
}

export const lenelResolvers = { Query, Mutation, Badge, Employee, ...userEmployeeResolvers };
