/** `GET /api/badges/` items */
export interface LenelBadgeRecord {
  id: number;
  badge_number: string;
  employee_id: number | null;
  status: number;
  status_name: string;
  type: string | null;
  activation_date: string | null;
  deactivation_date: string | null;
  last_changed: string | null;
}

/** `GET /api/employees/` items */
export interface LenelEmployeeRecord {
  id: number;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  employee_number: string | null;
  email: string | null;
  department: string | null;
  title: string | null;
  phone: string | null;
  last_changed: string | null;
}

// Cached lists live for a while and a large site's weigh tens of MB per account: the cache keeps
// each record as a class instance (one shape) whose repeated strings (statuses, types, names,
// departments) are shared, and whose date-times are whole seconds when lenel's text says exactly
// that ("2024-06-26T08:00:00Z"; any other text is kept as sent). Reads give the upstream's text back.

type PackedDate = string | number | null;

function unpackDate(value: PackedDate): string | null {
  return typeof value === 'number' ? new Date(value * 1000).toISOString().replace('.000Z', 'Z') : value;
}

/**
 * "YYYY-MM-DDTHH:MM:SSZ" (years 1000–9999, every field in range) as seconds since the epoch, which
 * `unpackDate` turns back into the same text; anything else undefined.
 */
function wholeSeconds(text: string): number | undefined {
  if (text.length !== 20 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== 'Z') return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March: such a text is kept as sent.
  if (day > 28 && new Date(ms).getUTCDate() !== day) return undefined;
  return ms / 1000;
}

/** The decimal number in `text` at `start`, or -1 when a character is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** One pool per list: equal strings become one string. */
class Strings {
  private readonly pool = new Map<string, string>();
  share<V>(value: V): V {
    if (typeof value !== 'string') return value;
    const known = this.pool.get(value);
    if (known !== undefined) return known as V;
    this.pool.set(value, value);
    return value;
  }
  date(value: string | null): PackedDate {
    return (typeof value === 'string' ? wholeSeconds(value) : undefined) ?? this.share(value);
  }
}

class CachedBadge implements LenelBadgeRecord {
  readonly id: number;
  readonly badge_number: string;
  readonly employee_id: number | null;
  readonly status: number;
  readonly status_name: string;
  readonly type: string | null;
  private readonly activation: PackedDate;
  private readonly deactivation: PackedDate;
  private readonly changed: PackedDate;

  constructor(raw: LenelBadgeRecord, strings: Strings) {
    this.id = raw.id;
    this.badge_number = raw.badge_number;
    this.employee_id = raw.employee_id;
    this.status = raw.status;
    this.status_name = strings.share(raw.status_name);
    this.type = strings.share(raw.type);
    this.activation = strings.date(raw.activation_date);
    this.deactivation = strings.date(raw.deactivation_date);
    this.changed = strings.date(raw.last_changed);
  }

  get activation_date(): string | null {
    return unpackDate(this.activation);
  }
  get deactivation_date(): string | null {
    return unpackDate(this.deactivation);
  }
  get last_changed(): string | null {
    return unpackDate(this.changed);
  }
}

class CachedEmployee implements LenelEmployeeRecord {
  readonly id: number;
  readonly first_name: string;
  readonly middle_name: string | null;
  readonly last_name: string;
  readonly employee_number: string | null;
  readonly email: string | null;
  readonly department: string | null;
  readonly title: string | null;
  readonly phone: string | null;
  private readonly changed: PackedDate;

  constructor(raw: LenelEmployeeRecord, strings: Strings) {
    this.id = raw.id;
    this.first_name = strings.share(raw.first_name);
    this.middle_name = strings.share(raw.middle_name);
    this.last_name = strings.share(raw.last_name);
    this.employee_number = raw.employee_number;
    this.email = raw.email;
    this.department = strings.share(raw.department);
    this.title = strings.share(raw.title);
    this.phone = raw.phone;
    this.changed = strings.date(raw.last_changed);
  }

  get last_changed(): string | null {
    return unpackDate(this.changed);
  }
}

/** The compact form of a badge list the cache keeps (records already checked by the index). */
export function compactBadges(list: readonly LenelBadgeRecord[]): LenelBadgeRecord[] {
  const strings = new Strings();
  return list.map((badge) => new CachedBadge(badge, strings));
}

export function compactEmployees(list: readonly LenelEmployeeRecord[]): LenelEmployeeRecord[] {
  const strings = new Strings();
  return list.map((employee) => new CachedEmployee(employee, strings));
}
