import type { RehiveRegistration } from '../../datasources/rehive/data-source.js';
import type { RegisterCompanyInput, RegisterInput } from '../../generated/graphql.js';
import { InputCheck } from '../../validation/input.js';

type Profile = Omit<RegisterInput, 'company' | 'groups' | 'sessionDurationSeconds'>;

const COMPANY_SESSION_DURATION = "Rehive's company registration takes no session duration: the session lasts Rehive's default (10 hours).";

/** The limits of the original Register schema, all reported at once, before any upstream call. */
function checkProfile(input: Profile, check: InputCheck): InputCheck {
  return check
    .maxLength('firstName', input.firstName, 50)
    .maxLength('lastName', input.lastName, 50)
    .maxLength('username', input.username, 150)
    .email('email', input.email)
    .maxLength('idNumber', input.idNumber, 24)
    .maxLength('language', input.language, 24)
    .country('nationality', input.nationality)
    .country('residency', input.residency)
    .maxLength('timezone', input.timezone, 100)
    .notBlank('password', input.password)
    .maxLength('password', input.password, 128);
}

export function registration(input: RegisterInput): RehiveRegistration {
  const check = checkProfile(input, new InputCheck())
    .nonNegativeInt('sessionDurationSeconds', input.sessionDurationSeconds)
    .notBlank('company', input.company)
    .maxLength('company', input.company, 100)
    .maxItems('groups', input.groups, 1);
  check.done();
  return {
    ...profileBody(input),
    company: input.company,
    ...(input.sessionDurationSeconds != null ? { session_duration: input.sessionDurationSeconds } : {}),
    ...(input.groups != null ? { groups: input.groups } : {}),
  };
}

export function companyRegistration(input: RegisterCompanyInput): RehiveRegistration {
  const check = checkProfile(input, new InputCheck())
    // Rehive's company-register schema has no session_duration: Rehive would ignore it silently.
    .absent('sessionDurationSeconds', input.sessionDurationSeconds, COMPANY_SESSION_DURATION)
    .notBlank('company.id', input.company.id)
    .maxLength('company.id', input.company.id, 100)
    .maxLength('company.name', input.company.name, 100);
  check.done();
  return { ...profileBody(input), company: { id: input.company.id, ...(input.company.name != null ? { name: input.company.name } : {}) } };
}

/** The login the linked account is shown with: what the user would type to sign in. */
export const registrationLogin = (input: Profile): string => input.email ?? input.username ?? input.mobile ?? '';

/** camelCase input → Rehive's snake_case body; fields the client left out are not sent. */
function profileBody(input: Profile): RehiveRegistration {
  const body: Record<string, unknown> = {
    first_name: input.firstName,
    last_name: input.lastName,
    username: input.username,
    email: input.email,
    mobile: input.mobile,
    id_number: input.idNumber,
    birth_date: input.birthDate,
    language: input.language,
    gender: input.gender?.toLowerCase(),
    title: input.title?.toLowerCase(),
    marital_status: input.maritalStatus?.toLowerCase(),
    nationality: input.nationality,
    residency: input.residency,
    timezone: input.timezone,
    terms_and_conditions: input.termsAndConditions,
    privacy_policy: input.privacyPolicy,
    legal_term_versions: input.legalTermVersions,
  };
  for (const key of Object.keys(body)) if (body[key] == null) delete body[key];
  return { ...body, password: input.password };
}
