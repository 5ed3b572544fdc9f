/**
 * The few Django REST Framework serializer fields the hr app uses, with DRF's exact messages:
 * CharField, EmailField, ChoiceField, DateField and DateTimeField, plus Django's password validators.
 * Each reader records its error in `errors` and returns undefined when the field is absent or invalid.
 */
export type FieldErrors = Record<string, string[]>;

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

function addError(errors: FieldErrors, field: string, message: string): undefined {
  (errors[field] ??= []).push(message);
  return undefined;
}

/** DRF's required/null handling shared by every field; 'skip' = absent and not required. */
function presence(body: Record<string, unknown>, field: string, required: boolean, allowNull: boolean, errors: FieldErrors): 'skip' | 'null' | 'error' | 'value' {
  const value = body[field];
  if (value === undefined) {
    if (!required) return 'skip';
    addError(errors, field, 'This field is required.');
    return 'error';
  }
  if (value === null) {
    if (allowNull) return 'null';
    addError(errors, field, 'This field may not be null.');
    return 'error';
  }
  return 'value';
}

/** Python's str() of a JSON value, as DRF puts it into messages. */
function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export interface CharOptions {
  required?: boolean;
  allowBlank?: boolean;
  maxLength?: number;
  /** DRF trims by default; password fields do not. */
  trim?: boolean;
}

export function readChar(body: Record<string, unknown>, field: string, options: CharOptions, errors: FieldErrors): string | undefined {
  const { required = true, allowBlank = false, maxLength, trim = true } = options;
  if (presence(body, field, required, false, errors) !== 'value') return undefined;
  const raw = body[field];
  // DRF's CharField takes numbers as strings but refuses booleans, lists and objects.
  if (typeof raw !== 'string' && typeof raw !== 'number') return addError(errors, field, 'Not a valid string.');
  const text = trim ? String(raw).trim() : String(raw);
  if (text.trim() === '') {
    if (!allowBlank) return addError(errors, field, 'This field may not be blank.');
    return '';
  }
  if (maxLength !== undefined && [...text].length > maxLength) {
    return addError(errors, field, `Ensure this field has no more than ${maxLength} characters.`);
  }
  return text;
}

const EMAIL = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$|^[^\s@]+@localhost$/i;

export function readEmail(body: Record<string, unknown>, field: string, errors: FieldErrors, options: { maxLength?: number } = {}): string | undefined {
  const value = readChar(body, field, options, errors);
  if (value === undefined) return undefined;
  if (!EMAIL.test(value)) return addError(errors, field, 'Enter a valid email address.');
  return value;
}

export function readChoice<T extends string>(
  body: Record<string, unknown>,
  field: string,
  choices: readonly T[],
  options: { required?: boolean; allowBlank?: boolean },
  errors: FieldErrors,
): T | '' | undefined {
  const { required = true, allowBlank = false } = options;
  if (presence(body, field, required, false, errors) !== 'value') return undefined;
  const raw = body[field];
  if (raw === '' && allowBlank) return '';
  const text = pythonStr(raw);
  const choice = choices.find((c) => c === text);
  if (choice === undefined) return addError(errors, field, `"${text}" is not a valid choice.`);
  return choice;
}

/** DateField: `YYYY-MM-DD`; returns the normalised string, null for an explicit null. */
export function readDate(body: Record<string, unknown>, field: string, options: { required?: boolean; allowNull?: boolean }, errors: FieldErrors): string | null | undefined {
  const { required = true, allowNull = false } = options;
  const state = presence(body, field, required, allowNull, errors);
  if (state === 'null') return null;
  if (state !== 'value') return undefined;
  const date = parseDate(body[field]);
  if (date === undefined) return addError(errors, field, 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.');
  return date;
}

export function parseDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!validCalendarDate(year, month, day)) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATETIME_FORMAT_ERROR = 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';

/** DateTimeField: returns the instant in epoch microseconds (JS dates only hold milliseconds). */
export function readDateTime(body: Record<string, unknown>, field: string, options: { required?: boolean }, errors: FieldErrors): number | undefined {
  if (presence(body, field, options.required ?? true, false, errors) !== 'value') return undefined;
  const micros = parseDateTime(body[field]);
  if (micros === undefined) return addError(errors, field, DATETIME_FORMAT_ERROR);
  return micros;
}

// Django's parse_datetime pattern; a naive value is taken as UTC (TIME_ZONE = 'UTC').
const DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATETIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
  const second = Number(m[6] ?? '0');
  const micro = Number((m[7] ?? '').padEnd(6, '0'));
  if (!validCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMinutes = parseOffset(m[8]);
  if (offsetMinutes === undefined) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const utcYear = new Date(ms).getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) return undefined;
  return ms * 1000 + micro;
}

function parseOffset(tz: string | undefined): number | undefined {
  if (tz === undefined || tz === 'Z') return 0;
  const digits = tz.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (tz.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** DRF's output: UTC with `Z`, microseconds only when there are any (Python's isoformat()). */
export function formatDateTime(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const fraction = (((ms % 1000) + 1000) % 1000) * 1000 + (micros - ms * 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  return fraction === 0 ? `${base}Z` : `${base}.${String(fraction).padStart(6, '0')}Z`;
}

// A short stand-in for Django's 20,000-entry common-passwords list.
const COMMON_PASSWORDS = new Set([
  '123456', '1234567', '12345678', '123456789', '1234567890', '11111111', '00000000', '87654321',
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'qwerty', 'qwerty123', 'qwertyuiop',
  '1q2w3e4r', 'iloveyou', 'admin', 'admin123', 'welcome', 'welcome1', 'letmein', 'abc123', 'abcd1234', 'football',
  'baseball', 'monkey', 'dragon', 'sunshine', 'princess', 'trustno1', 'superman', 'changeme', 'starwars', 'whatever',
]);

/** Django's AUTH_PASSWORD_VALIDATORS (minimum length 8, common, numeric), all messages at once, in Django's order. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 8) problems.push('This password is too short. It must contain at least 8 characters.');
  if (COMMON_PASSWORDS.has(password.toLowerCase().trim())) problems.push('This password is too common.');
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  return problems;
}

/** A password field: CharField without trimming plus, when `validate`, Django's password validators. */
export function readPassword(body: Record<string, unknown>, field: string, validate: boolean, errors: FieldErrors): string | undefined {
  const value = readChar(body, field, { trim: false }, errors);
  if (value === undefined || !validate) return value;
  const problems = passwordProblems(value);
  if (problems.length > 0) {
    errors[field] = problems;
    return undefined;
  }
  return value;
}
