/** The Rehive user object (`GET /3/auth/` data.user), the subset the gateway uses. */
export interface RehiveUserRecord {
  id: string;
  username: string | null;
  email: string | null;
  mobile: string | null;
  first_name: string | null;
  middle_name?: string | null;
  last_name: string | null;
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
