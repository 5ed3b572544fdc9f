import type { FieldErrors } from './envelope.js';

interface StringRules {
  required?: boolean;
  max?: number;
  allowBlank?: boolean;
  allowNull?: boolean;
  /** DRF trims CharFields by default; passwords are kept as typed. */
  trim?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TRUE_VALUES = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1']);
const FALSE_VALUES = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0']);
/** Rehive validates mobiles as E.164 numbers. */
const MOBILE = /^\+[1-9]\d{6,14}$/;

/**
 * Reads request fields the way the DRF serializers behind Rehive do, collecting every field error
 * (with DRF's messages) before the request is rejected.
 */
export class Fields {
  readonly errors: FieldErrors = {};

  constructor(private readonly body: Record<string, unknown>) {}

  get valid(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  add(field: string, message: string): void {
    const existing = this.errors[field];
    if (Array.isArray(existing)) existing.push(message);
    else this.errors[field] = [message];
  }

  string(field: string, rules: StringRules = {}): string | null | undefined {
    const raw = this.body[field];
    if (raw === undefined) {
      if (rules.required) this.add(field, 'This field is required.');
      return undefined;
    }
    if (raw === null) {
      if (rules.allowNull) return null;
      this.add(field, 'This field may not be null.');
      return undefined;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.add(field, 'Not a valid string.');
      return undefined;
    }
    const value = rules.trim === false ? String(raw) : String(raw).trim();
    if (value === '') {
      if (rules.allowBlank) return '';
      this.add(field, 'This field may not be blank.');
      return undefined;
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.add(field, `Ensure this field has no more than ${rules.max} characters.`);
      return undefined;
    }
    return value;
  }

  email(field: string, rules: StringRules = {}): string | null | undefined {
    const value = this.string(field, { max: 254, ...rules });
    if (!value) return value;
    if (!EMAIL.test(value)) {
      this.add(field, 'Enter a valid email address.');
      return undefined;
    }
    return value;
  }

  mobile(field: string, rules: StringRules = {}): string | null | undefined {
    const value = this.string(field, rules);
    if (!value) return value;
    if (!MOBILE.test(value)) {
      this.add(field, 'Enter a valid phone number.');
      return undefined;
    }
    return value;
  }

  choice<T extends string>(field: string, choices: readonly T[] | ReadonlySet<string>, rules: StringRules = {}): T | null | undefined {
    const raw = this.body[field];
    const value = this.string(field, { ...rules, allowBlank: true });
    if (value === null || value === undefined) return value;
    if (value === '' && rules.allowBlank) return '' as T;
    const allowed = Array.isArray(choices) ? choices.includes(value as T) : (choices as ReadonlySet<string>).has(value);
    if (!allowed) {
      this.add(field, `"${String(raw)}" is not a valid choice.`);
      return undefined;
    }
    return value as T;
  }

  date(field: string, rules: { allowNull?: boolean } = {}): string | null | undefined {
    const raw = this.body[field];
    if (raw === undefined) return undefined;
    if (raw === null && rules.allowNull) return null;
    const match = typeof raw === 'string' ? DATE.exec(raw) : null;
    const valid = match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
    if (!valid) {
      this.add(field, 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.');
      return undefined;
    }
    return raw as string;
  }

  integer(field: string, rules: { min?: number; allowNull?: boolean; required?: boolean } = {}): number | null | undefined {
    const raw = this.body[field];
    if (raw === undefined) {
      if (rules.required) this.add(field, 'This field is required.');
      return undefined;
    }
    if (raw === null) {
      if (rules.allowNull) return null;
      this.add(field, 'This field may not be null.');
      return undefined;
    }
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value)) {
      this.add(field, 'A valid integer is required.');
      return undefined;
    }
    if (rules.min !== undefined && value < rules.min) {
      this.add(field, `Ensure this value is greater than or equal to ${rules.min}.`);
      return undefined;
    }
    return value;
  }

  /** DRF's BooleanField: its TRUE_VALUES / FALSE_VALUES, null refused. */
  boolean(field: string): boolean | undefined {
    const raw = this.body[field];
    if (raw === undefined) return undefined;
    if (raw === null) {
      this.add(field, 'This field may not be null.');
      return undefined;
    }
    if (raw === true || raw === 1 || (typeof raw === 'string' && TRUE_VALUES.has(raw))) return true;
    if (raw === false || raw === 0 || (typeof raw === 'string' && FALSE_VALUES.has(raw))) return false;
    this.add(field, 'Must be a valid boolean.');
    return undefined;
  }

  stringList(field: string, rules: { max?: number; allowNull?: boolean } = {}): string[] | null | undefined {
    const raw = this.body[field];
    if (raw === undefined) return undefined;
    if (raw === null && rules.allowNull) return null;
    if (!Array.isArray(raw)) {
      this.add(field, `Expected a list of items but got type "${pythonType(raw)}".`);
      return undefined;
    }
    if (rules.max !== undefined && raw.length > rules.max) {
      this.add(field, `Ensure this field has no more than ${rules.max} elements.`);
      return undefined;
    }
    if (!raw.every((item) => typeof item === 'string' && item.trim() !== '')) {
      this.add(field, 'Not a valid string.');
      return undefined;
    }
    return raw as string[];
  }

  integerList(field: string, rules: { min?: number } = {}): number[] | undefined {
    const raw = this.body[field];
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw)) {
      this.add(field, `Expected a list of items but got type "${pythonType(raw)}".`);
      return undefined;
    }
    const min = rules.min ?? 0;
    if (!raw.every((item) => Number.isSafeInteger(item) && (item as number) >= min)) {
      this.add(field, 'A valid integer is required.');
      return undefined;
    }
    return raw as number[];
  }
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pythonType(value: unknown): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'dict';
}

/** A boolean query filter as django-filter reads it (a NullBooleanField): an unrecognised value is no filter. */
export function parseNullBoolean(raw: string | null): boolean | undefined {
  if (raw === 'true' || raw === 'True' || raw === '1') return true;
  if (raw === 'false' || raw === 'False' || raw === '0') return false;
  return undefined;
}
