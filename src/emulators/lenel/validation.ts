import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import { drfBody } from '../common/simplejwt.js';

/** A field value that failed validation carries DRF's messages; otherwise the parsed value. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const REQUIRED = 'This field is required.';
const NULL = 'This field may not be null.';

/**
 * The request body as DRF's serializer sees it. The shared `drfBody` handles 415 and malformed JSON;
 * a JSON body that is not an object is valid JSON to DRF, which the serializer then rejects.
 */
export function serializerBody(req: EmulatorRequest): { ok: true; body: Record<string, unknown> } | { ok: false; response: EmulatorResponse } {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (contentType === 'application/json' && req.rawBody.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.rawBody);
    } catch {
      return drfBody(req);
    }
    if (parsed === null) return { ok: false, response: { status: 400, body: { non_field_errors: ['No data provided'] } } };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      const message = `Invalid data. Expected a dictionary, but got ${pythonTypeName(parsed)}.`;
      return { ok: false, response: { status: 400, body: { non_field_errors: [message] } } };
    }
  }
  return drfBody(req);
}

const DECIMAL_SUFFIX = /\.0*\s*$/;
const PYTHON_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const MAX_STRING_LENGTH = 1000;

/**
 * DRF IntegerField.to_internal_value: `int(re.sub(r'\.0*\s*$', '', str(data)))`, so the string "12"
 * and 12.0 are integers, true and 12.5 are not. Values beyond 64 bits are returned as bigint: the
 * database lookup then fails with a server error, as on a real Django site.
 */
export function drfInteger(value: unknown): FieldResult<number | bigint> {
  if (value === undefined) return { ok: false, errors: [REQUIRED] };
  if (value === null) return { ok: false, errors: [NULL] };
  if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) return { ok: false, errors: ['String value too large.'] };
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).replace(DECIMAL_SUFFIX, '') : undefined;
  if (text === undefined || !PYTHON_INT.test(text)) return { ok: false, errors: ['A valid integer is required.'] };
  const big = BigInt(text.trim().replaceAll('_', ''));
  const fits = big >= -(2n ** 63n) && big < 2n ** 63n;
  return { ok: true, value: fits ? Number(big) : big };
}

/** DRF ChoiceField with integer choices: `choice_strings_to_values[str(data)]`, so "1" is the choice 1. */
export function drfChoice(value: unknown, choices: readonly number[]): FieldResult<number> {
  if (value === undefined) return { ok: false, errors: [REQUIRED] };
  if (value === null) return { ok: false, errors: [NULL] };
  const text = pythonStr(value);
  const choice = choices.find((c) => String(c) === text);
  if (choice === undefined) return { ok: false, errors: [`"${text}" is not a valid choice.`] };
  return { ok: true, value: choice };
}

/** Python's str() of a JSON-decoded value, as DRF formats it into error messages. */
function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`);
  return `{${entries.join(', ')}}`;
}

function pythonTypeName(value: unknown): string {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'list';
}
