import { describe, expect, it } from 'vitest';
import { BadgeIndex, EmployeeIndex } from '../../../src/datasources/lenel/indexes.js';
import type { LenelBadgeRecord, LenelEmployeeRecord } from '../../../src/datasources/lenel/records.js';

const badge = (id: number, employeeId: number | null): LenelBadgeRecord => ({
  id,
  badge_number: String(100000 + id),
  employee_id: employeeId,
  status: 1,
  status_name: 'Active',
  type: 'Permanent',
  activation_date: null,
  deactivation_date: null,
  last_changed: null,
});
const employee = (id: number, email: string | null): LenelEmployeeRecord => ({
  id,
  first_name: 'A',
  middle_name: null,
  last_name: `B${id}`,
  employee_number: null,
  email,
  department: null,
  title: null,
  phone: null,
  last_changed: null,
});

describe('the lenel indexes keep the lists in id order (the order their cursors follow)', () => {
  it('sorts a list the backend sent in another order, and indexes it in that order', () => {
    const badges = new BadgeIndex([badge(30, 2), badge(10, 2), badge(20, null), badge(5, 2)]);
    expect(badges.list.map((b) => b.id)).toEqual([5, 10, 20, 30]);
    expect(badges.byEmployeeId.get(2)!.map((b) => b.id)).toEqual([5, 10, 30]);
    const employees = new EmployeeIndex([employee(9, 'x@example.com'), employee(3, 'X@example.com'), employee(6, null)]);
    expect(employees.list.map((e) => e.id)).toEqual([3, 6, 9]);
    // Several cardholders with one e-mail: the lowest id first.
    expect(employees.byEmail.get('x@example.com')!.map((e) => e.id)).toEqual([3, 9]);
  });

  it('leaves a list that is already in id order as it came', () => {
    const list = [badge(1, null), badge(2, null), badge(7, null)];
    expect(new BadgeIndex(list).list).toBe(list);
    expect(list.map((b) => b.id)).toEqual([1, 2, 7]);
  });
});
