import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export const GENDERS = ['male', 'female', 'other', 'not_specified'] as const;
export const TITLES = ['mr', 'mrs', 'ms', 'mx'] as const;
export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed'] as const;
export const USER_STATUSES = ['pending', 'verified', 'incomplete', 'declined', 'paused', 'obsolete'] as const;
export const AUTHENTICATOR_TYPES = ['totp', 'sms', 'static'] as const;
export const CLEAR_SESSION_OPTIONS = ['temporary', 'all', 'none'] as const;

export type UserStatus = (typeof USER_STATUSES)[number];
export type AuthenticatorType = (typeof AUTHENTICATOR_TYPES)[number];
export type ClearSessionOption = (typeof CLEAR_SESSION_OPTIONS)[number];

export interface Group {
  name: string;
  label: string;
  /** Whether a user may pick it at registration. */
  public: boolean;
}

export interface Company {
  id: string;
  name: string;
  groups: Group[];
  /** The group a registering user gets when they name none. */
  defaultGroup: string;
  created: number;
}

export interface UserProfile {
  username: string | null;
  email: string | null;
  mobile: string | null;
  first_name: string;
  middle_name: string;
  last_name: string;
  id_number: string | null;
  birth_date: string | null;
  language: string;
  nationality: string | null;
  residency: string | null;
  gender: string | null;
  title: string | null;
  marital_status: string | null;
  timezone: string | null;
}

export interface UserRecord extends UserProfile {
  id: string;
  company: string;
  groups: string[];
  verification: { email: boolean; mobile: boolean };
  status: UserStatus;
  password: string;
  /** False once deactivation or deletion is verified: login fails, tokens end. */
  active: boolean;
  deletionRequested: boolean;
  created: number;
  updated: number;
}

export interface TokenRecord {
  token: string;
  userId: string;
  label: string | null;
  /** epoch ms; null never expires. */
  expires: number | null;
  created: number;
}

export interface AuthenticatorRecord {
  id: string;
  userId: string;
  type: AuthenticatorType;
  name: string;
  verified: boolean;
  created: number;
  updated: number;
  /** totp: base32 secret. */
  secret?: string;
  /** static: one-time tokens. */
  tokens?: Array<{ token: string; available: boolean }>;
  /** sms: where the codes go, and the last code delivered. */
  mobile?: string;
  smsCode?: { code: string; expires: number };
}

export interface ChallengeRecord {
  id: string;
  userId: string;
  /** The login token this challenge holds back. */
  token: string;
  authenticatorTypes: AuthenticatorType[];
  created: number;
  expires: number;
  solved: boolean;
}

export type KeyPurpose = 'email_verification' | 'mobile_verification' | 'password_reset' | 'deactivation' | 'deletion';

interface OneTimeKey {
  key: string;
  purpose: KeyPurpose;
  userId: string;
  expires: number;
}

/** 64-character opaque token (hex: the 8-character `token_key` prefix is then a `\w+` segment). */
export const newToken = (): string => randomBytes(32).toString('hex');
export const newKey = (): string => randomBytes(20).toString('hex');
export const newDigits = (length: number): string => Array.from({ length }, () => String(randomInt(10))).join('');

/** The in-memory database of one emulator instance. */
export class RehiveState {
  readonly companies = new Map<string, Company>();
  readonly users = new Map<string, UserRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly authenticators = new Map<string, AuthenticatorRecord>();
  readonly challenges = new Map<string, ChallengeRecord>();
  private keys: OneTimeKey[] = [];

  constructor(private readonly now: () => number) {}

  addCompany(id: string, name = id): Company {
    const company: Company = {
      id,
      name,
      groups: [
        { name: 'admin', label: 'Admin', public: false },
        { name: 'user', label: 'User', public: true },
      ],
      defaultGroup: 'user',
      created: this.now(),
    };
    this.companies.set(id, company);
    return company;
  }

  createUser(company: string, profile: Partial<UserProfile>, password: string, id: string = randomUUID()): UserRecord {
    const at = this.now();
    const user: UserRecord = {
      id,
      company,
      username: null,
      email: null,
      mobile: null,
      first_name: '',
      middle_name: '',
      last_name: '',
      id_number: null,
      birth_date: null,
      language: 'en',
      nationality: null,
      residency: null,
      gender: null,
      title: null,
      marital_status: null,
      timezone: null,
      ...profile,
      groups: [this.companies.get(company)?.defaultGroup ?? 'user'],
      verification: { email: false, mobile: false },
      status: 'pending',
      password,
      active: true,
      deletionRequested: false,
      created: at,
      updated: at,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** A user of a company by e-mail (any case), username or mobile: what the `user` login field accepts. */
  findUser(company: string, identifier: string): UserRecord | undefined {
    const wanted = identifier.trim().toLowerCase();
    for (const user of this.users.values()) {
      if (user.company !== company) continue;
      if (user.email?.toLowerCase() === wanted || user.username?.toLowerCase() === wanted || user.mobile === identifier.trim()) return user;
    }
    return undefined;
  }

  /** A user by id or e-mail in any company (test helper lookups). */
  lookupUser(idOrEmail: string): UserRecord | undefined {
    const byId = this.users.get(idOrEmail);
    if (byId) return byId;
    const wanted = idOrEmail.toLowerCase();
    return [...this.users.values()].find((u) => u.email?.toLowerCase() === wanted || u.username?.toLowerCase() === wanted);
  }

  touch(user: UserRecord): void {
    user.updated = this.now();
  }

  issueToken(user: UserRecord, seconds: number | null, label: string | null = null): TokenRecord {
    const created = this.now();
    const record: TokenRecord = { token: newToken(), userId: user.id, label, created, expires: seconds === null ? null : created + seconds * 1000 };
    this.tokens.set(record.token, record);
    return record;
  }

  /** The live token and its active user, or undefined (unknown, expired, ended, user gone). */
  resolveToken(token: string): { record: TokenRecord; user: UserRecord } | undefined {
    const record = this.tokens.get(token);
    if (!record) return undefined;
    const user = this.users.get(record.userId);
    if (!user || !user.active || (record.expires !== null && record.expires <= this.now())) {
      this.tokens.delete(token);
      return undefined;
    }
    return { record, user };
  }

  liveTokens(userId: string): TokenRecord[] {
    return [...this.tokens.values()].filter((t) => t.userId === userId && (t.expires === null || t.expires > this.now()));
  }

  endTokens(userId: string, which: (token: TokenRecord) => boolean = () => true): void {
    for (const [token, record] of this.tokens) if (record.userId === userId && which(record)) this.tokens.delete(token);
  }

  /**
   * `clear_session_option` (logout, password change and reset): `temporary` ends the sessions, i.e. every
   * token with an expiry; `all` also ends the permanent (API) tokens; `none` ends nothing. `keep` survives.
   */
  clearSessions(userId: string, option: ClearSessionOption, keep?: string): void {
    if (option === 'none') return;
    this.endTokens(userId, (t) => t.token !== keep && (option === 'all' || t.expires !== null));
  }

  deactivate(user: UserRecord): void {
    user.active = false;
    this.touch(user);
    this.endTokens(user.id);
  }

  /** A new e-mailed key or SMS code; it replaces the user's previous one for the same purpose. */
  issueKey(purpose: KeyPurpose, user: UserRecord, lifetimeSeconds: number, key = newKey()): string {
    this.keys = this.keys.filter((k) => !(k.purpose === purpose && k.userId === user.id));
    this.keys.push({ key, purpose, userId: user.id, expires: this.now() + lifetimeSeconds * 1000 });
    return key;
  }

  /** The key's user, once: keys are single-use. Short SMS codes are looked up for one user only. */
  consumeKey(purpose: KeyPurpose, key: string, userId?: string): UserRecord | undefined {
    const entry = this.keys.find((k) => k.purpose === purpose && k.key === key && (userId === undefined || k.userId === userId));
    if (!entry) return undefined;
    this.keys = this.keys.filter((k) => k !== entry);
    if (entry.expires <= this.now()) return undefined;
    return this.users.get(entry.userId);
  }

  authenticatorsOf(userId: string): AuthenticatorRecord[] {
    return [...this.authenticators.values()].filter((a) => a.userId === userId);
  }

  /** Open (unsolved, unexpired) challenges holding back a token. */
  openChallenges(token: string): ChallengeRecord[] {
    return [...this.challenges.values()].filter((c) => c.token === token && !c.solved && c.expires > this.now());
  }

  /** Whether a login token still waits for MFA (its challenge may have expired: then it never unlocks). */
  isPending(token: string): boolean {
    return [...this.challenges.values()].some((c) => c.token === token && !c.solved);
  }
}
