import { ISO3166_ALPHA2 } from '../../validation/iso3166.js';
import type { Fields } from './fields.js';
import type { RehiveState, UserProfile } from './state.js';
import { GENDERS, MARITAL_STATUSES, TITLES } from './state.js';

const COMMON_PASSWORDS = new Set(['password', 'password1', '12345678', '123456789', '1234567890', 'qwerty123', 'qwertyuiop', 'iloveyou', 'letmein1', 'abc12345', 'passw0rd']);

/** The user fields of the Register schema, with the original document's limits and enums. */
export function readProfile(fields: Fields): Partial<UserProfile> {
  const profile: Partial<UserProfile> = {
    first_name: fields.string('first_name', { max: 50, allowBlank: true }) ?? undefined,
    last_name: fields.string('last_name', { max: 50, allowBlank: true }) ?? undefined,
    username: fields.string('username', { max: 150, allowBlank: true }) || undefined,
    email: fields.email('email', { allowBlank: true })?.toLowerCase() || undefined,
    mobile: fields.mobile('mobile', { allowBlank: true }) || undefined,
    id_number: fields.string('id_number', { max: 24, allowBlank: true, allowNull: true }),
    birth_date: fields.date('birth_date', { allowNull: true }),
    language: fields.string('language', { max: 24, allowBlank: true }) ?? undefined,
    gender: fields.choice('gender', GENDERS, { allowNull: true }),
    title: fields.choice('title', TITLES, { allowNull: true }),
    marital_status: fields.choice('marital_status', MARITAL_STATUSES, { allowNull: true }),
    nationality: fields.choice('nationality', ISO3166_ALPHA2, { allowNull: true, allowBlank: true }),
    residency: fields.choice('residency', ISO3166_ALPHA2, { allowNull: true, allowBlank: true }),
    timezone: fields.string('timezone', { max: 100, allowBlank: true, allowNull: true }),
  };
  fields.boolean('terms_and_conditions');
  fields.boolean('privacy_policy');
  fields.integerList('legal_term_versions');
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as Partial<UserProfile>;
}

/**
 * `password`, or the deprecated `password1`/`password2` pair the backend still accepts.
 * Returns undefined (with field errors) when missing or weak.
 */
export function readNewPassword(fields: Fields, field: string, deprecated: [string, string], profile: Partial<UserProfile>): string | undefined {
  const primary = fields.string(field, { max: 128, trim: false });
  const first = fields.string(deprecated[0], { max: 128, trim: false });
  const second = fields.string(deprecated[1], { max: 128, trim: false });
  const password = primary ?? first;
  if (password === undefined || password === null) {
    if (!(field in fields.errors) && !(deprecated[0] in fields.errors)) fields.add(field, 'This field is required.');
    return undefined;
  }
  if (primary === undefined && second !== undefined && second !== first) {
    fields.add(deprecated[1], "The two password fields didn't match.");
    return undefined;
  }
  const problems = passwordProblems(password, profile);
  for (const problem of problems) fields.add(primary !== undefined ? field : deprecated[0], problem);
  return problems.length === 0 ? password : undefined;
}

/** Django's default password validators, closely enough for an emulator. */
export function passwordProblems(password: string, profile: Partial<UserProfile>): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  for (const attribute of ['username', 'first_name', 'last_name', 'email'] as const) {
    const value = profile[attribute]?.toLowerCase().split('@')[0];
    if (value && value.length >= 3 && lower.includes(value)) {
      problems.push(`The password is too similar to the ${attribute.replace('_', ' ')}.`);
      break;
    }
  }
  if (password.length < 8) problems.push('This password is too short. It must contain at least 8 characters.');
  if (COMMON_PASSWORDS.has(lower)) problems.push('This password is too common.');
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  return problems;
}

/** Unique identifiers within a company (checked once every field is well-formed). */
export function checkUnique(fields: Fields, state: RehiveState, company: string, profile: Partial<UserProfile>): void {
  const users = [...state.users.values()].filter((u) => u.company === company);
  if (profile.email && users.some((u) => u.email?.toLowerCase() === profile.email)) fields.add('email', 'A user with that email already exists.');
  if (profile.username && users.some((u) => u.username?.toLowerCase() === profile.username!.toLowerCase()))
    fields.add('username', 'A user with that username already exists.');
  if (profile.mobile && users.some((u) => u.mobile === profile.mobile)) fields.add('mobile', 'A user with that mobile already exists.');
}
