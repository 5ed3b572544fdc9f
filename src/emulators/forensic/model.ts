import { OzCode, invalid } from './errors.js';

export type ApiVersion = 5 | 6;

/** The canonical (API 6) user types; API 5 spells the client ones as `CLIENT` + `is_admin` / `is_service`. */
export const USER_TYPES = ['ADMIN', 'OPERATOR', 'CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE'] as const;
export type UserType = (typeof USER_TYPES)[number];
const API5_USER_TYPES: readonly UserType[] = ['ADMIN', 'OPERATOR', 'CLIENT'];

export const ANALYSIS_KINDS = ['biometry', 'collection', 'documents', 'quality'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];
export type AnalysisPermissions = Record<AnalysisKind, boolean>;

export interface ForensicCompany {
  companyId: string;
  name: string;
  /** Free-form JSON object; `{}` unless set at creation. */
  technicalMetaData?: Record<string, unknown>;
}

export interface ForensicUser {
  userId: string;
  email: string;
  /** write-only: never emitted */
  password: string;
  userType: UserType;
  companyId: string | null;
  firstName: string;
  lastName: string;
  middleName: string;
  isActive: boolean;
  canStartAnalysis: AnalysisPermissions;
}

/** What POST /api/users/ carries once validated, translated to the canonical model. */
export type NewUser = Omit<ForensicUser, 'userId' | 'isActive'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isUuid = (value: string): boolean => UUID.test(value);
export const isServiceUser = (user: ForensicUser): boolean => user.userType === 'CLIENT_SERVICE';
export const isClientType = (type: UserType): boolean => type.startsWith('CLIENT');

export function companyView(company: ForensicCompany): Record<string, unknown> {
  return { company_id: company.companyId, name: company.name, in_deletion: false, technical_meta_data: structuredClone(company.technicalMetaData ?? {}) };
}

const flagName = (version: ApiVersion, kind: AnalysisKind): string =>
  version === 6 ? `can_start_analysis_${kind}` : `can_start_analyse_${kind}`;

/** A user in the shape the configured API version emits (no password). */
export function userView(user: ForensicUser, version: ApiVersion): Record<string, unknown> {
  const view: Record<string, unknown> = {
    user_id: user.userId,
    user_type: version === 6 || !isClientType(user.userType) ? user.userType : 'CLIENT',
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    middle_name: user.middleName,
    company_id: user.companyId,
    is_active: user.isActive,
  };
  // The guide's step-3 answer shows `"user_type": "CLIENT_SERVICE"` (API 6 only) next to `"is_service": true`:
  // API 6 still reports is_service. is_admin is API 5's only (the guide shows it on no API 6 user).
  if (version === 5) view.is_admin = user.userType === 'CLIENT_ADMIN';
  view.is_service = user.userType === 'CLIENT_SERVICE';
  for (const kind of ANALYSIS_KINDS) view[flagName(version, kind)] = user.canStartAnalysis[kind];
  return view;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

function requireObject(container: Json, field: string): Json {
  const value = container[field];
  if (value === undefined || value === null) invalid(OzCode.INVALID_STRUCTURE, field, 'required');
  if (!isObject(value)) invalid(OzCode.INVALID_TYPE, field, 'must be an object');
  return value;
}

export function requireString(container: Json, field: string): string {
  const value = container[field];
  if (value === undefined || value === null) invalid(OzCode.INVALID_STRUCTURE, field, 'required');
  if (typeof value !== 'string') invalid(OzCode.INVALID_TYPE, field, 'must be a string');
  return value;
}

function optionalString(container: Json, field: string): string {
  const value = container[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') invalid(OzCode.INVALID_TYPE, field, 'must be a string');
  return value;
}

function optionalBoolean(container: Json, field: string): boolean {
  const value = container[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') invalid(OzCode.INVALID_TYPE, field, 'must be a boolean');
  return value;
}

/**
 * `technical_meta_data` of POST /api/companies/: the guide shows it only in the answer (`{}` for a company
 * created with a name alone). [decision] A JSON object sent with the name is kept, as a writable JSON field of
 * a Django model is; null or absent is `{}`; anything else is a type error.
 */
export function parseTechnicalMetaData(body: Json): Record<string, unknown> {
  const value = body.technical_meta_data;
  if (value === undefined || value === null) return {};
  if (!isObject(value)) invalid(OzCode.INVALID_TYPE, 'technical_meta_data', 'must be an object');
  return value;
}

/** `{"credentials": {"email", "password"}}` as login and user creation read it. */
export function parseCredentials(body: Json): { email: string; password: string } {
  const credentials = requireObject(body, 'credentials');
  const email = requireString(credentials, 'email').trim();
  const password = requireString(credentials, 'password');
  return { email, password };
}

function parseUserType(profile: Json, version: ApiVersion): UserType {
  const raw = requireString(profile, 'user_type');
  const allowed = version === 6 ? USER_TYPES : API5_USER_TYPES;
  if (!allowed.includes(raw as UserType)) invalid(OzCode.INVALID_VALUE, 'user_type', `"${raw}" is not a valid choice`);
  const type = raw as UserType;
  // API 5 has no client sub-types: a company admin or service user is a CLIENT with a flag.
  if (version === 5 && type === 'CLIENT') {
    const isAdmin = optionalBoolean(profile, 'is_admin');
    const isService = optionalBoolean(profile, 'is_service');
    if (isAdmin && isService) invalid(OzCode.INVALID_VALUE, 'is_service', 'a service user cannot be an admin');
    if (isAdmin) return 'CLIENT_ADMIN';
    if (isService) return 'CLIENT_SERVICE';
  }
  return type;
}

function parseCompanyId(profile: Json, type: UserType, companyExists: (id: string) => boolean): string | null {
  const value = profile.company_id;
  if (value === undefined || value === null) {
    if (isClientType(type)) invalid(OzCode.INVALID_STRUCTURE, 'company_id', 'required');
    return null;
  }
  if (typeof value !== 'string') invalid(OzCode.INVALID_TYPE, 'company_id', 'must be a string');
  const id = value.trim().toLowerCase();
  if (!isUuid(id)) invalid(OzCode.INVALID_VALUE, 'company_id', 'not a valid UUID');
  if (!companyExists(id)) invalid(OzCode.INVALID_VALUE, 'company_id', 'company does not exist');
  return id;
}

/**
 * Validates a POST /api/users/ body for the configured version, reporting the first bad field
 * (3 missing / 4 bad value / 5 wrong type). Spellings of the other version are ignored, as the
 * real backends ignore unknown fields.
 */
export function parseNewUser(body: Json, version: ApiVersion, companyExists: (id: string) => boolean): NewUser {
  const { email, password } = parseCredentials(body);
  if (!EMAIL.test(email)) invalid(OzCode.INVALID_VALUE, 'email', 'not a valid email address');
  if (password.length === 0) invalid(OzCode.INVALID_VALUE, 'password', 'may not be blank');
  const profile = requireObject(body, 'profile');
  const userType = parseUserType(profile, version);
  const companyId = parseCompanyId(profile, userType, companyExists);
  const canStartAnalysis = {} as AnalysisPermissions;
  for (const kind of ANALYSIS_KINDS) canStartAnalysis[kind] = optionalBoolean(profile, flagName(version, kind));
  return {
    email,
    password,
    userType,
    companyId,
    firstName: optionalString(profile, 'first_name'),
    lastName: optionalString(profile, 'last_name'),
    middleName: optionalString(profile, 'middle_name'),
    canStartAnalysis,
  };
}
