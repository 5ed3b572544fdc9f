import { upstreamError } from '../../errors.js';
import { isRecord } from '../core/json.js';
import { compactBadges, compactEmployees, type LenelBadgeRecord, type LenelEmployeeRecord } from './records.js';

// The list endpoints are the only way to read one badge or cardholder, and a site holds up to
// 100,000 of them: each list read is indexed once and the index is cached with the list, so a
// request's lookups are binary searches, not scans. Lookups a request may never make (badges by
// cardholder, cardholders by e-mail) are built on first use. A cached index is never changed: a write makes a changed copy, since
// accounts whose lists were identical share one index.
//
// The contract leaves the lists' order open: the indexes keep them in id order, the order clients
// page through (a cursor is the id of the item it follows).

/** Rough heap bytes of a cached list and its index per byte of the upstream's JSON (measured with bench/heap.ts). */
const HEAP_PER_BODY_BYTE = 0.6;

/** How an index is built: `compact` for records the cache will keep (see records.ts; a list used once stays as parsed), with the body's size. */
export interface IndexOptions {
  compact: boolean;
  bodyBytes?: number;
}

/** A list in id order with its records by id: a binary search, with no memory of its own. */
abstract class IdIndex<R extends { id: number }> {
  protected constructor(
    readonly list: readonly R[],
    /** Estimated heap size, for the cache's byte limit. */
    readonly bytes: number,
  ) {}

  /** The record with this id (the first, should the upstream repeat an id). */
  get(id: number): R | undefined {
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.list[middle]!.id < id) low = middle + 1;
      else high = middle;
    }
    const record = this.list[low];
    return record?.id === id ? record : undefined;
  }
}

/** Every badge of one account's list, in id order. */
export class BadgeIndex extends IdIndex<LenelBadgeRecord> {
  private byEmployeeId: KeyOrder<LenelBadgeRecord, number> | undefined;

  static fromUpstream(items: unknown, options: IndexOptions): BadgeIndex {
    const list = checkedList<LenelBadgeRecord>(items, 'badge', (badge) => Number.isInteger(badge.status));
    return new BadgeIndex(options.compact ? compactBadges(list) : list, heapBytes(options));
  }

  /** The cardholder's badges in id order (shared by every reader: not to be changed). */
  ofEmployee(employeeId: number): LenelBadgeRecord[] {
    this.byEmployeeId ??= new KeyOrder(this.list, (badge) => badge.employee_id);
    return this.byEmployeeId.all(employeeId);
  }

  /** A copy with one badge replaced by the version `update-badges` returned (write-through after a status change). */
  withReplaced(updated: LenelBadgeRecord): BadgeIndex {
    if (!this.get(updated.id)) return this;
    return new BadgeIndex(
      this.list.map((badge) => (badge.id === updated.id ? updated : badge)),
      this.bytes,
    );
  }
}

/** Every cardholder of one account's list, in id order. */
export class EmployeeIndex extends IdIndex<LenelEmployeeRecord> {
  /** Several cardholders may share an e-mail; they are kept in id order. */
  private byEmail: KeyOrder<LenelEmployeeRecord, string> | undefined;
  private searchTexts: string[] | undefined;

  static fromUpstream(items: unknown, options: IndexOptions): EmployeeIndex {
    const list = checkedList<LenelEmployeeRecord>(items, 'cardholder', () => true);
    return new EmployeeIndex(options.compact ? compactEmployees(list) : list, heapBytes(options));
  }

  /** The first cardholder (the backend's order: the lowest id) with this normalised e-mail. */
  withEmail(email: string): LenelEmployeeRecord | undefined {
    this.byEmail ??= new KeyOrder(this.list, (employee) => normalizeEmail(employee.email));
    return this.byEmail.first(email);
  }

  /** Cardholders whose name, e-mail or employee number contains `term` (case- and accent-insensitive). */
  search(term: string): readonly LenelEmployeeRecord[] {
    const needle = fold(term.trim());
    if (needle === '') return this.list;
    // Folded once per cached list, on the first search.
    const texts = (this.searchTexts ??= this.list.map(searchText));
    return this.list.filter((_, i) => texts[i]!.includes(needle));
  }
}

/**
 * The upstream's list, each item checked (an integer id, and what `valid` asks), in id order: itself
 * when it already is (the usual case; one pass for both), else a sorted copy.
 */
function checkedList<R extends { id: number }>(items: unknown, what: string, valid: (item: Record<string, unknown>) => boolean): R[] {
  if (!Array.isArray(items)) throw upstreamError('lenel', `sent a malformed ${what} list`);
  let sorted = true;
  let previous = -Infinity;
  for (const item of items as unknown[]) {
    if (!isRecord(item) || !Number.isInteger(item.id) || !valid(item)) throw upstreamError('lenel', `sent a malformed ${what} list`);
    if (previous > (item.id as number)) sorted = false;
    previous = item.id as number;
  }
  const list = items as R[];
  return sorted ? list : [...list].sort((a, b) => a.id - b.id);
}

const heapBytes = (options: IndexOptions): number => Math.round((options.bodyBytes ?? 0) * HEAP_PER_BODY_BYTE);

/**
 * Records by a key that several may share (badges by cardholder, cardholders by e-mail): the
 * positions of the records with a key, sorted by key and then position, so that a lookup is a
 * binary search. 4 bytes per record instead of a Map entry and an array per key.
 */
class KeyOrder<R, K extends number | string> {
  private readonly order: Uint32Array;

  constructor(
    private readonly list: readonly R[],
    private readonly keyOf: (record: R) => K | null | undefined,
  ) {
    const keys = list.map(keyOf);
    const positions: number[] = [];
    for (let i = 0; i < list.length; i++) if (keys[i] != null) positions.push(i);
    positions.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
    this.order = Uint32Array.from(positions);
  }

  /** Every record with `key`, in list order. */
  all(key: K): R[] {
    const found: R[] = [];
    for (let i = this.lowerBound(key); i < this.order.length; i++) {
      const record = this.list[this.order[i]!]!;
      if (this.keyOf(record) !== key) break;
      found.push(record);
    }
    return found;
  }

  first(key: K): R | undefined {
    const at = this.lowerBound(key);
    const record = at < this.order.length ? this.list[this.order[at]!] : undefined;
    return record !== undefined && this.keyOf(record) === key ? record : undefined;
  }

  private lowerBound(key: K): number {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keyOf(this.list[this.order[middle]!]!)! < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
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
