import { Outbox, type OutboxMessage } from '../common/outbox.js';
import { EmulatorServer } from '../common/server.js';
import { accountRoutes } from './account-routes.js';
import { authRoutes } from './auth-routes.js';
import { companyRoutes } from './company-routes.js';
import { type RehiveContext, SlidingThrottle } from './context.js';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET, REHIVE_DEMO_USERS } from '../demo-logins.js';
import { REHIVE_DEMO_AUTHENTICATOR_ID, REHIVE_DEMO_PROFILES, REHIVE_DEMO_USER_IDS } from './demo-data.js';
import { newAuthenticator } from './mfa.js';
import { mfaRoutes } from './mfa-routes.js';
import { RehiveRouter } from './router.js';
import {
  type AuthenticatorRecord,
  type AuthenticatorType,
  type Company,
  RehiveState,
  type TokenRecord,
  type UserProfile,
  type UserRecord,
  type UserStatus,
} from './state.js';
import { tokenRoutes } from './token-routes.js';

export type { AuthenticatorRecord, ChallengeRecord, Company, TokenRecord, UserRecord, UserStatus } from './state.js';
export { REHIVE_DEMO_AUTHENTICATOR_ID, REHIVE_DEMO_USER_IDS } from './demo-data.js';

export interface RehiveEmulatorOptions {
  /** Seed the demo company and users (default true). */
  demo?: boolean;
  /** Lifetime of login/register tokens when the request names no `session_duration` (default 36,000 s). */
  sessionDurationSeconds?: number;
  /** How long a login MFA challenge (and an SMS code) stays open (default 600 s). */
  challengeLifetimeSeconds?: number;
  /** Login attempts per minute per user + company before 429 (default 6; 0 turns throttling off). */
  loginThrottlePerMinute?: number;
  /** Lifetime of e-mailed keys and OTPs: verification, password reset, deactivation, deletion (default 3 days). */
  keyLifetimeSeconds?: number;
  /** Clock in epoch ms (token and challenge expiry, throttling, TOTP, timestamps). */
  now?: () => number;
  onOutbox?: (message: OutboxMessage) => void;
}

export interface AddUserInput extends Partial<Omit<UserProfile, 'email'>> {
  email: string;
  company: string;
  password: string;
  id?: string;
  /** E-mail (and mobile, if any) already verified; status `verified`. */
  verified?: boolean;
  /** Gives the user a verified TOTP authenticator with this base32 secret: logins then get a challenge. */
  totpSecret?: string;
  totpAuthenticatorId?: string;
  groups?: string[];
  status?: UserStatus;
}

export interface RehiveEmulator {
  readonly server: EmulatorServer;
  readonly outbox: Outbox;
  /** The whole in-memory database, for assertions the helpers below do not cover. */
  readonly state: RehiveState;
  readonly url: string;
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  addCompany(id: string, name?: string): Company;
  addUser(input: AddUserInput): UserRecord;
  /** A user by id, e-mail or username. */
  user(idOrEmail: string): UserRecord | undefined;
  /** Adds an authenticator (unverified unless `verified`); the record holds the secret / static tokens. */
  addAuthenticator(idOrEmail: string, type: AuthenticatorType, options?: { secret?: string; mobile?: string; verified?: boolean; id?: string }): AuthenticatorRecord;
  authenticators(idOrEmail: string): AuthenticatorRecord[];
  /** A ready token without logging in (no MFA challenge); `seconds` null never expires. */
  issueToken(idOrEmail: string, seconds?: number | null): string;
  /** The user's live tokens. */
  tokens(idOrEmail: string): TokenRecord[];
  /** Deactivates the account at once (as a verified deactivation does): login fails, tokens end. */
  deactivateUser(idOrEmail: string): void;
  setStatus(idOrEmail: string, status: UserStatus): void;
  resetThrottles(): void;
}

const DEFAULT_SESSION_SECONDS = 36_000;
const DEFAULT_CHALLENGE_SECONDS = 600;
const DEFAULT_LOGIN_THROTTLE = 6;
const DEFAULT_KEY_SECONDS = 3 * 24 * 3600;

export function createRehiveEmulator(options: RehiveEmulatorOptions = {}): RehiveEmulator {
  const now = options.now ?? Date.now;
  const state = new RehiveState(now);
  const server = new EmulatorServer('rehive');
  const outbox = new Outbox(options.onOutbox);
  const throttleLimit = options.loginThrottlePerMinute ?? DEFAULT_LOGIN_THROTTLE;
  const ctx: RehiveContext = {
    state,
    outbox,
    now,
    sessionDurationSeconds: options.sessionDurationSeconds ?? DEFAULT_SESSION_SECONDS,
    challengeLifetimeSeconds: options.challengeLifetimeSeconds ?? DEFAULT_CHALLENGE_SECONDS,
    keyLifetimeSeconds: options.keyLifetimeSeconds ?? DEFAULT_KEY_SECONDS,
    loginThrottle: new SlidingThrottle(throttleLimit > 0 ? throttleLimit : Number.POSITIVE_INFINITY, 60, now),
  };

  const router = new RehiveRouter(state);
  authRoutes(router, ctx);
  companyRoutes(router, ctx);
  accountRoutes(router, ctx);
  mfaRoutes(router, ctx);
  tokenRoutes(router, ctx);
  router.mount(server);

  const mustFind = (idOrEmail: string): UserRecord => {
    const user = state.lookupUser(idOrEmail);
    if (!user) throw new Error(`rehive emulator: no user ${idOrEmail}`);
    return user;
  };

  const emulator: RehiveEmulator = {
    server,
    outbox,
    state,
    get url() {
      return server.url;
    },
    listen: (port) => server.listen(port),
    close: () => server.close(),
    addCompany: (id, name) => state.addCompany(id, name),
    addUser(input) {
      const { company, password, id, verified, totpSecret, totpAuthenticatorId, groups, status, ...profile } = input;
      if (!state.companies.has(company)) state.addCompany(company);
      const user = state.createUser(company, { ...profile, email: input.email.toLowerCase() }, password, id);
      if (groups) user.groups = [...groups];
      if (verified) {
        user.verification = { email: true, mobile: Boolean(user.mobile) };
        user.status = 'verified';
      }
      if (status) user.status = status;
      if (totpSecret) emulator.addAuthenticator(user.id, 'totp', { secret: totpSecret, verified: true, id: totpAuthenticatorId });
      return user;
    },
    user: (idOrEmail) => state.lookupUser(idOrEmail),
    addAuthenticator(idOrEmail, type, extra = {}) {
      const user = mustFind(idOrEmail);
      const authenticator = newAuthenticator(user, type, now(), extra);
      authenticator.verified = extra.verified ?? false;
      state.authenticators.set(authenticator.id, authenticator);
      return authenticator;
    },
    authenticators: (idOrEmail) => state.authenticatorsOf(mustFind(idOrEmail).id),
    issueToken: (idOrEmail, seconds = ctx.sessionDurationSeconds) => state.issueToken(mustFind(idOrEmail), seconds).token,
    tokens: (idOrEmail) => state.liveTokens(mustFind(idOrEmail).id),
    deactivateUser: (idOrEmail) => state.deactivate(mustFind(idOrEmail)),
    setStatus(idOrEmail, status) {
      const user = mustFind(idOrEmail);
      user.status = status;
      state.touch(user);
    },
    resetThrottles: () => ctx.loginThrottle.reset(),
  };

  if (options.demo ?? true) seedDemoData(emulator);
  return emulator;
}

function seedDemoData(emulator: RehiveEmulator): void {
  emulator.addCompany(REHIVE_DEMO_COMPANY, 'Gatehouse demo');
  REHIVE_DEMO_USERS.forEach((demo, index) => {
    emulator.addUser({
      id: REHIVE_DEMO_USER_IDS[index],
      email: demo.email,
      username: demo.username,
      company: REHIVE_DEMO_COMPANY,
      password: DEMO_PASSWORD,
      verified: true,
      ...REHIVE_DEMO_PROFILES[index],
      ...(demo.mfa ? { totpSecret: REHIVE_DEMO_TOTP_SECRET, totpAuthenticatorId: REHIVE_DEMO_AUTHENTICATOR_ID } : {}),
    });
  });
}
