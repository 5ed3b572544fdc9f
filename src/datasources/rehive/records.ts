import type { CompanyRecord } from '../core/records.js';

/** The Rehive user object (`GET /3/auth/` data.user), the subset the gateway uses. */
export interface RehiveUserRecord {
  id: string;
  username: string | null;
  email: string | null;
  mobile: string | null;
  first_name: string | null;
  middle_name?: string | null;
  last_name: string | null;
  id_number?: string | null;
  /** YYYY-MM-DD */
  birth_date?: string | null;
  language?: string | null;
  /** male | female | other | not_specified */
  gender?: string | null;
  /** mr | mrs | ms | mx */
  title?: string | null;
  /** single | married | divorced | widowed */
  marital_status?: string | null;
  /** ISO 3166 alpha-2 */
  nationality?: string | null;
  residency?: string | null;
  timezone?: string | null;
  company: string | null;
  groups: Array<{ name: string; label?: string }>;
  verified: boolean;
  verification?: { email?: boolean; mobile?: boolean } | null;
  status: string | null;
  created?: number | null;
  updated?: number | null;
}

/** A Rehive MFA authenticator (masked in lists; unmasked only at creation). */
export interface RehiveAuthenticatorRecord {
  id: string;
  type: 'totp' | 'sms' | 'static';
  verified: boolean;
  created: number | null;
  updated: number | null;
  details: {
    name?: string;
    mobile?: string;
    otpauth_url?: string;
    key?: string;
    issuer?: string;
    account?: string;
    tokens?: Array<{ token: string; available: boolean }>;
  } | null;
}

/** A Rehive API token as listed: the key is the token's first 8 characters; the secret is never listed. */
export interface RehiveTokenRecord {
  token_key: string;
  label?: string | null;
  /** epoch ms; null never expires */
  expires: number | null;
  created: number | null;
}

/** A login challenge (`challenges[]` of login and register). */
export interface RehiveChallengeRecord {
  id: string;
  type?: string;
  authenticator_types?: string[];
  /** epoch ms */
  created?: number | null;
}

/** `data` of login, register and token creation: the only time a token's secret is shown. */
export interface RehiveSessionData {
  token: string;
  user: Partial<RehiveUserRecord> & { id: string };
  challenges?: RehiveChallengeRecord[] | null;
  /** epoch ms */
  expires: number | null;
  created: number | null;
}

/** A Rehive user's company as the API shows it: the user record holds only its identifier (the name is read when asked for). */
export const rehiveCompany = (id: string): CompanyRecord => ({ id, upstream: 'rehive', name: null, inDeletion: null, technicalMetaData: null });
