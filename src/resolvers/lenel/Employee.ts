import type { EmployeeResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../validation/global-id.js';
import { fullName } from '../user.js';
import { badgeStatus } from './Badge.js';

export const Employee: EmployeeResolvers = {
  id: (employee) => toGlobalId('Employee', employee.id),
  firstName: (employee) => employee.first_name ?? '',
  middleName: (employee) => employee.middle_name || null,
  lastName: (employee) => employee.last_name ?? '',
  fullName: (employee) => fullName(employee.first_name, employee.middle_name, employee.last_name),
  employeeNumber: (employee) => employee.employee_number || null,
  email: (employee) => employee.email || null,
  department: (employee) => employee.department || null,
  title: (employee) => employee.title || null,
  phone: (employee) => employee.phone || null,
  badges: async (employee, { status }, { lenel }) => {
    const badges = await lenel.badgesOfEmployee(employee.id);
    return status ? badges.filter((badge) => badgeStatus(badge) === status) : badges;
  },
};
