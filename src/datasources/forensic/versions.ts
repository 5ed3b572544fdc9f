import { invalidField, upstreamError } from '../../errors.js';
import { isRecord } from '../core/json.js';
import type { CompanyRecord } from '../core/records.js';
import type { ForensicRole, ForensicUserRecord } from './records.js';

/**
 * The two Oz API versions behind one GraphQL shape. API 6 has the client roles as user types and
 * spells the flags `can_start_analysis_*`; API 5 has `CLIENT` + `is_admin` / `is_service` and
 * `can_start_analyse_*`. Requests are written in the configured version's spelling (each version
 * ignores the other's); responses are read in either spelling.
 */
export type OzApiVersion = 5 | 6;

const ROLES: readonly ForensicRole[] = ['ADMIN', 'OPERATOR', 'CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE'];
const KINDS = ['biometry', 'collection', 'documents', 'quality'] as const;
type Permissions = ForensicUserRecord['permissions'];

export interface NewForensicUser {
  companyId: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  middleName: string;
  role: ForensicRole;
  permissions: Permissions;
}

const flag = (version: OzApiVersion, kind: (typeof KINDS)[number]): string => (version === 6 ? `can_start_analysis_${kind}` : `can_start_analyse_${kind}`);

/** The `POST /api/users/` body for the configured version. */
export function newUserBody(user: NewForensicUser, version: OzApiVersion): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    company_id: user.companyId,
    first_name: user.firstName,
    last_name: user.lastName,
    middle_name: user.middleName,
  };
  if (version === 6) profile.user_type = user.role;
  else {
    // API 5 has no company operator: refusing here beats creating a plain CLIENT by surprise.
    if (user.role === 'CLIENT_OPERATOR') throw invalidField('role', 'CLIENT_OPERATOR is not available on this forensic backend (API 5)');
    profile.user_type = user.role.startsWith('CLIENT') ? 'CLIENT' : user.role;
    profile.is_admin = user.role === 'CLIENT_ADMIN';
    profile.is_service = user.role === 'CLIENT_SERVICE';
  }
  for (const kind of KINDS) profile[flag(version, kind)] = user.permissions[kind];
  return { credentials: { email: user.email, password: user.password }, profile };
}

/** A user object of either version → the normalised record (the password is never sent back, and never kept). */
export function toUserRecord(wire: unknown): ForensicUserRecord {
  if (!isRecord(wire) || typeof wire.user_id !== 'string') throw upstreamError('forensic', 'sent a malformed user');
  return {
    user_id: wire.user_id,
    role: roleOf(wire),
    email: stringOrNull(wire.email),
    first_name: stringOrNull(wire.first_name),
    last_name: stringOrNull(wire.last_name),
    middle_name: stringOrNull(wire.middle_name),
    company_id: stringOrNull(wire.company_id),
    is_active: wire.is_active !== false,
    permissions: Object.fromEntries(KINDS.map((kind) => [kind, (wire[`can_start_analysis_${kind}`] ?? wire[`can_start_analyse_${kind}`]) === true])) as Permissions,
  };
}

function roleOf(wire: Record<string, unknown>): ForensicRole {
  const type = wire.user_type;
  if (type === 'CLIENT') {
    if (wire.is_service === true) return 'CLIENT_SERVICE';
    if (wire.is_admin === true) return 'CLIENT_ADMIN';
  }
  if (typeof type === 'string' && (ROLES as readonly string[]).includes(type)) return type as ForensicRole;
  throw upstreamError('forensic', 'sent an unknown user type');
}

export function toCompanyRecord(wire: unknown): CompanyRecord {
  if (!isRecord(wire) || typeof wire.company_id !== 'string') throw upstreamError('forensic', 'sent a malformed company');
  return {
    id: wire.company_id,
    upstream: 'forensic',
    name: stringOrNull(wire.name),
    inDeletion: typeof wire.in_deletion === 'boolean' ? wire.in_deletion : null,
    technicalMetaData: isRecord(wire.technical_meta_data) ? wire.technical_meta_data : null,
  };
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
