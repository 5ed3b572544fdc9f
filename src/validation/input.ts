import { checkParam, type ParamKind } from './params.js';
import { badUserInput, GatehouseError, type FieldErrors } from '../errors.js';
import { upstreamId, type IdArgument } from './global-id.js';
import { ISO3166_ALPHA2 } from './iso3166.js';

// Deliberately simple: the upstream has the final word; this only keeps obvious junk from costing a call.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 254;

/**
 * Collects every field error of one input before any upstream call, then throws them together as
 * one BAD_USER_INPUT (`fieldErrors` keyed by GraphQL names).
 */
export class InputCheck {
  private readonly errors: FieldErrors = {};
  private readonly ids: Record<string, string> = {};

  add(field: string, message: string): this {
    const messages = (this.errors[field] ??= []);
    // A list input (`ids`) can fail the same way several times: say it once.
    if (!messages.includes(message)) messages.push(message);
    return this;
  }

  /** As Django counts: in code points (a UTF-16 `length` would count an emoji twice). */
  maxLength(field: string, value: string | null | undefined, max: number): this {
    if (value != null && [...value].length > max) this.add(field, `Ensure this field has no more than ${max} characters.`);
    return this;
  }

  notBlank(field: string, value: string | null | undefined): this {
    if (value != null && value.trim() === '') this.add(field, 'This field may not be blank.');
    return this;
  }

  email(field: string, value: string | null | undefined): this {
    if (value != null && value !== '' && (value.length > MAX_EMAIL || !EMAIL.test(value))) this.add(field, 'Enter a valid email address.');
    return this;
  }

  /** ISO 3166-1 alpha-2 (upper case, as Rehive's choices are written). */
  country(field: string, value: string | null | undefined): this {
    if (value != null && value !== '' && !ISO3166_ALPHA2.has(value)) this.add(field, `"${value.slice(0, 8)}" is not a valid ISO 3166 alpha-2 country code.`);
    return this;
  }

  maxItems(field: string, value: readonly unknown[] | null | undefined, max: number): this {
    if (value != null && value.length > max) this.add(field, `Ensure this field has no more than ${max} ${max === 1 ? 'item' : 'items'}.`);
    return this;
  }

  /** An instant (ISO 8601) an upstream takes as epoch milliseconds, which cannot say "before 1970". */
  sinceEpoch(field: string, value: string | null | undefined): this {
    if (value != null && !(Date.parse(value) >= 0)) this.add(field, 'Must not be before 1970-01-01T00:00:00.000Z.');
    return this;
  }

  /** A field the upstream does not take in this call: refused rather than silently dropped. */
  absent(field: string, value: unknown, message: string): this {
    if (value != null) this.add(field, message);
    return this;
  }

  /** Rehive's durations are `integer >= 0`; its own wording. */
  nonNegativeInt(field: string, value: number | null | undefined): this {
    if (value != null && value < 0) this.add(field, 'Ensure this value is greater than or equal to 0.');
    return this;
  }

  /** A value that ends up in an upstream path (or names an upstream object): the same patterns as `upstreamPath`. */
  param(field: string, value: string | null | undefined, kind: ParamKind): this {
    if (value != null) this.collect(field, () => checkParam(field, value, kind));
    return this;
  }

  /** An object's id (its global id, or the upstream's raw id): `done()` returns the upstream id under `field`. */
  id(field: string, value: string | null | undefined, expected: IdArgument): this {
    if (value != null) this.collect(field, () => (this.ids[field] = upstreamId(field, value, expected)));
    return this;
  }

  /** `id` for each item of a list input (errors under the list's name): the upstream ids, in order. */
  idList(field: string, values: readonly string[] | null | undefined, expected: IdArgument): string[] | undefined {
    if (values == null) return undefined;
    return values.map((value) => {
      let id = value;
      this.collect(field, () => (id = upstreamId(field, value, expected)));
      return id;
    });
  }

  /**
   * Throws BAD_USER_INPUT with every collected error. When the input is valid it returns the upstream
   * ids of the fields checked with `id`.
   */
  done(): Record<string, string | undefined> {
    const first = Object.entries(this.errors)[0];
    if (first) throw badUserInput(`Invalid ${first[0]}: ${first[1][0]}`, this.errors);
    return this.ids;
  }

  private collect(field: string, check: () => void): void {
    try {
      check();
    } catch (error) {
      if (!(error instanceof GatehouseError)) throw error;
      const messages = (error.extensions.fieldErrors as FieldErrors | undefined)?.[field] ?? [error.message];
      for (const message of messages) this.add(field, message);
    }
  }
}
