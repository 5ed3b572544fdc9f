import { upstreamError } from '../../errors.js';
import { isRecord } from '../core/json.js';
import type { LenelBadgeRecord, LenelEmployeeRecord } from './records.js';

// The list endpoints are the only way to read one badge or cardholder, and a site holds up to
// 100,000 of them: each list read is indexed once and the index is cached with the list, so a
// request's lookups are map reads, not scans.
//
// The contract leaves the lists' order open: the indexes keep them in id order, the order clients
// page through (a cursor is the id of the item it follows).

/** Every badge of one account's list, by id and by cardholder, in id order. */
export class BadgeIndex {
  readonly byId = new Map<number, LenelBadgeRecord>();
  readonly byEmployeeId = new Map<number, LenelBadgeRecord[]>();

  constructor(readonly list: LenelBadgeRecord[]) {
    for (const badge of list) {
      if (!isRecord(badge) || !Number.isInteger(badge.id) || !Number.isInteger(badge.status)) throw upstreamError('lenel', 'sent a malformed badge list');
    }
    inIdOrder(list);
    for (const badge of list) {
      this.byId.set(badge.id, badge);
      if (badge.employee_id != null) this.addToEmployee(badge);
    }
  }

  /** Replaces one badge with the version `update-badges` returned (write-through after a status change). */
  replace(updated: LenelBadgeRecord): void {
    const previous = this.byId.get(updated.id);
    if (!previous) return;
    this.list[this.list.indexOf(previous)] = updated;
    this.byId.set(updated.id, updated);
    if (previous.employee_id != null) {
      const held = this.byEmployeeId.get(previous.employee_id) ?? [];
      const at = held.indexOf(previous);
      if (at >= 0) held.splice(at, 1);
    }
    if (updated.employee_id != null) this.addToEmployee(updated);
  }

  private addToEmployee(badge: LenelBadgeRecord): void {
    const held = this.byEmployeeId.get(badge.employee_id!);
    if (held) {
      // Keep upstream (id) order when a replaced badge is put back.
      const at = held.findIndex((other) => other.id > badge.id);
      if (at < 0) held.push(badge);
      else held.splice(at, 0, badge);
    } else this.byEmployeeId.set(badge.employee_id!, [badge]);
  }
}

/** Every cardholder of one account's list, by id and by lower-cased e-mail, in id order. */
export class EmployeeIndex {
  readonly byId = new Map<number, LenelEmployeeRecord>();
  /** Several cardholders may share an e-mail; they are kept in id order. */
  readonly byEmail = new Map<string, LenelEmployeeRecord[]>();
  private searchTexts: string[] | undefined;

  constructor(readonly list: LenelEmployeeRecord[]) {
    for (const employee of list) {
      if (!isRecord(employee) || !Number.isInteger(employee.id)) throw upstreamError('lenel', 'sent a malformed cardholder list');
    }
    inIdOrder(list);
    for (const employee of list) {
      this.byId.set(employee.id, employee);
      const email = normalizeEmail(employee.email);
      if (!email) continue;
      const same = this.byEmail.get(email);
      if (same) same.push(employee);
      else this.byEmail.set(email, [employee]);
    }
  }

  /** Cardholders whose name, e-mail or employee number contains `term` (case- and accent-insensitive). */
  search(term: string): LenelEmployeeRecord[] {
    const needle = fold(term.trim());
    if (needle === '') return this.list;
    // Folded once per cached list, on the first search.
    const texts = (this.searchTexts ??= this.list.map(searchText));
    return this.list.filter((_, i) => texts[i]!.includes(needle));
  }
}

/** Sorts by id, in place; a list already in id order (the usual case) costs one pass. */
function inIdOrder(list: Array<{ id: number }>): void {
  if (list.some((item, i) => i > 0 && list[i - 1]!.id >= item.id)) list.sort((a, b) => a.id - b.id);
}

/** E-mails compare case-insensitively (contract); blank means none. */
export function normalizeEmail(email: string | null | undefined): string | undefined {
  const normalized = email?.trim().toLowerCase();
  return normalized ? normalized : undefined;
}

function searchText(employee: LenelEmployeeRecord): string {
  const text = [employee.first_name, employee.middle_name, employee.last_name, employee.email, employee.employee_number]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' ');
  return fold(text);
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
