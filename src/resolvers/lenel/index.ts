import { checkParam } from '../../validation/params.js';
import type { BadgeFilter, EmployeeFilter, MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import type { LenelDataSource } from '../../datasources/lenel/data-source.js';
import type { LenelBadgeRecord, LenelEmployeeRecord } from '../../datasources/lenel/records.js';
import { normalizeEmail } from '../../datasources/lenel/indexes.js';
import { connectionFromList, pageSize } from '../connection.js';
import { selects } from '../selection.js';
import { Badge, badgeStatus } from './Badge.js';
import { Employee } from './Employee.js';
import { userEmployeeResolvers } from './user-employee.js';

interface Page {
  first?: number | null;
  after?: string | null;
}

const Query: QueryResolvers = {
  badges: (_, { filter, ...page }, { lenel }, info) => {
    if (selects(info, 'employee')) lenel.prefetchEmployees();
    return badgeConnection(lenel, filter, page);
  },
  badge: (_, { id }, { lenel }, info) => {
    checkParam('id', id, 'positiveInt');
    lenel.requireOwnAccount();
    if (selects(info, 'employee')) lenel.prefetchEmployees();
    return lenel.getBadge(id);
  },
  employees: (_, { filter, ...page }, { lenel }) => employeeConnection(lenel, filter, page),
  employee: (_, { id }, { lenel }) => {
    checkParam('id', id, 'positiveInt');
    lenel.requireOwnAccount();
    return lenel.getEmployee(id);
  },
};

const Mutation: MutationResolvers = {
  updateBadgeStatus: (_, { badgeId, status }, { lenel }) => lenel.updateBadgeStatus(checkParam('badgeId', badgeId, 'positiveInt'), status),
};

// Lenel has no filter parameters: filters apply to the (cached) full list, checked before any read.
async function badgeConnection(lenel: LenelDataSource, filter: BadgeFilter | null | undefined, page: Page) {
  pageSize(page.first);
  const employeeId = filter?.employeeId == null ? undefined : checkParam('employeeId', filter.employeeId, 'positiveInt');
  let badges: readonly LenelBadgeRecord[];
  if (employeeId !== undefined) {
    lenel.requireOwnAccount();
    badges = await lenel.badgesOfEmployee(employeeId);
  } else badges = await lenel.listBadges();
  const { status, badgeNumber } = filter ?? {};
  if (status) badges = badges.filter((badge) => badgeStatus(badge) === status);
  if (badgeNumber != null) badges = badges.filter((badge) => badge.badge_number === badgeNumber.trim());
  return connectionFromList(badges, page, 'Badge', (badge) => String(badge.id));
}

async function employeeConnection(lenel: LenelDataSource, filter: EmployeeFilter | null | undefined, page: Page) {
  pageSize(page.first);
  const index = await lenel.listEmployees();
  let employees: readonly LenelEmployeeRecord[] = filter?.search ? index.search(filter.search) : index.list;
  const email = filter?.email == null ? undefined : normalizeEmail(filter.email);
  if (email) employees = employees.filter((employee) => normalizeEmail(employee.email) === email);
  const department = filter?.department?.trim().toLowerCase();
  if (department) employees = employees.filter((employee) => employee.department?.trim().toLowerCase() === department);
  return connectionFromList(employees, page, 'Employee', (employee) => String(employee.id));
}

export const lenelResolvers = { Query, Mutation, Badge, Employee, ...userEmployeeResolvers };
