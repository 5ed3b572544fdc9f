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

const badges = (list: LenelBadgeRecord[]) => BadgeIndex.fromUpstream(list, { compact: false });
const employees = (list: LenelEmployeeRecord[]) => EmployeeIndex.fromUpstream(list, { compact: false });

describe('the lenel indexes keep the lists in id order (the order their cursors follow)', () => {
  it('sorts a list the backend sent in another order, and indexes it in that order', () => {
    const sent = [badge(30, 2), badge(10, 2), badge(20, null), badge(5, 2)];
    const index = badges(sent);
    expect(index.list.map((b) => b.id)).toEqual([5, 10, 20, 30]);
    expect(index.ofEmployee(2).map((b) => b.id)).toEqual([5, 10, 30]);
    expect(index.get(20)?.id).toBe(20);
    // The upstream's answer itself is not reordered (it may be shared).
    expect(sent.map((b) => b.id)).toEqual([30, 10, 20, 5]);
    const people = employees([employee(9, 'x@example.com'), employee(3, 'X@example.com'), employee(6, null)]);
    expect(people.list.map((e) => e.id)).toEqual([3, 6, 9]);
    // Several cardholders with one e-mail: the lowest id first.
    expect(people.withEmail('x@example.com')?.id).toBe(3);
  });

  it('finds the first of records that repeat an id, in a list sorted or not', () => {
    const first = badge(2, 7);
    const again = badge(2, 8);
    for (const list of [[badge(1, null), first, again, badge(3, null)], [badge(3, null), first, badge(1, null), again]]) {
      const index = badges(list);
      expect(index.get(2)).toBe(first);
      expect([index.get(1)?.id, index.get(3)?.id, index.get(4)]).toEqual([1, 3, undefined]);
    }
  });

  it('leaves a list that is already in id order as it came', () => {
    const list = [badge(1, null), badge(2, null), badge(7, null)];
    expect(badges(list).list).toBe(list);
    expect(list.map((b) => b.id)).toEqual([1, 2, 7]);
  });
});
