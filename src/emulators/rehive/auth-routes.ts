import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../common/server.js';
import type { RehiveContext } from './context.js';
import { serializeToken, serializeUser, sessionData } from './context.js';
import { errors, fail, invalid, ok } from './envelope.js';
import { Fields } from './fields.js';
import { serializeChallenge } from './mfa.js';
import { deliverLoginCodes } from './mfa-routes.js';
import { checkUnique, readNewPassword, readProfile } from './profile.js';
import type { RehiveRouter } from './router.js';
import type { AuthenticatorType, ChallengeRecord, Company, UserProfile, UserRecord } from './state.js';
import { CLEAR_SESSION_OPTIONS, newDigits } from './state.js';

const AUTH_METHODS = ['token', 'cookie'] as const;
const COMPANY_ID = /^[\w-]+$/;

export function authRoutes(router: RehiveRouter, ctx: RehiveContext): void {
  const { state } = ctx;

  router.authed('GET', /^\/3\/auth\/$/, ({ caller }) => {
    const { token_key, expires, created } = serializeToken(caller.record);
    return ok({ user: serializeUser(ctx, caller.user), token: { token_key, expires, created }, challenges: [] });
  });

  router.public('POST', /^\/3\/auth\/login\/$/, ({ body }) => {
    if (typeof body.user === 'string' && typeof body.company === 'string') {
      const wait = ctx.loginThrottle.hit(`${body.company}\u0000${body.user.trim().toLowerCase()}`);
      if (wait > 0) return errors.throttled('login', wait);
    }
    const fields = new Fields(body);
    const identifier = fields.string('user', { required: true });
    const company = fields.string('company', { required: true });
    const password = fields.string('password', { required: true, max: 128, trim: false });
    const duration = fields.integer('session_duration', { min: 0, allowNull: true });
    fields.choice('auth_method', AUTH_METHODS);
    if (!fields.valid) return invalid(fields.errors);

    const user = state.findUser(company!, identifier!);
    if (!user || !user.active || user.password !== password) return fail(400, 'Unable to log in with provided credentials.');
    return startSession(ctx, user, duration, 200);
  });

  router.authed('POST', /^\/3\/auth\/logout\/$/, ({ body, caller }) => {
    const fields = new Fields(body);
    const option = fields.choice('clear_session_option', CLEAR_SESSION_OPTIONS) ?? 'temporary';
    if (!fields.valid) return invalid(fields.errors);
    // Rehive: "temporary: clear only temporary sessions and tokens with an expiry (the default); all: clear all
    // sessions and tokens including permanent tokens; none: clear no sessions". Logout always ends the calling token.
    state.tokens.delete(caller.record.token);
    state.clearSessions(caller.user.id, option);
    return ok();
  });

  router.public('POST', /^\/3\/auth\/register\/$/, ({ body }) => {
    const fields = new Fields(body);
    const companyId = fields.string('company', { required: true, max: 100 });
    const profile = readProfile(fields);
    const groups = fields.stringList('groups', { max: 1, allowNull: true });
    const duration = fields.integer('session_duration', { min: 0, allowNull: true });
    fields.choice('auth_method', AUTH_METHODS);
    const password = readNewPassword(fields, 'password', ['password1', 'password2'], profile);
    const company = companyId ? state.companies.get(companyId) : undefined;
    if (companyId && !company) fields.add('company', 'Company does not exist.');
    if (company) {
      for (const name of groups ?? []) {
        if (!company.groups.some((g) => g.public && g.name === name)) fields.add('groups', `Object with name=${name} does not exist.`);
      }
      checkUnique(fields, state, company.id, profile);
    }
    if (!fields.valid) return invalid(fields.errors);
    const missing = identifierMissing(profile);
    if (missing) return missing;

    const user = state.createUser(company!.id, profile, password!);
    if (groups?.length) user.groups = [...groups];
    sendVerifications(ctx, user);
    return startSession(ctx, user, duration, 201);
  });

  router.public('POST', /^\/3\/auth\/company\/register\/$/, ({ body }) => {
    const fields = new Fields(body);
    const company = readNewCompany(fields, body.company, ctx);
    const profile = readProfile(fields);
    fields.choice('auth_method', AUTH_METHODS);
    const password = readNewPassword(fields, 'password', ['password1', 'password2'], profile);
    if (!fields.valid) return invalid(fields.errors);
    const missing = identifierMissing(profile);
    if (missing) return missing;

    const created = state.addCompany(company!.id, company!.name);
    const user = state.createUser(created.id, profile, password!);
    user.groups = ['admin'];
    sendVerifications(ctx, user);
    // The company-register schema has no session_duration (nor groups): like any unknown field, it is ignored.
    return startSession(ctx, user, null, 201);
  });
}

/** A new login: the token, and a challenge when the user has a verified authenticator. */
export function startSession(ctx: RehiveContext, user: UserRecord, duration: number | null | undefined, status: number): EmulatorResponse {
  // [decision] a session_duration of 0 or null means the default, like leaving it out (the original allows
  // `>= 0` without saying what 0 means; a login token that never expires is only made by POST /3/auth/tokens/).
  const record = ctx.state.issueToken(user, duration || ctx.sessionDurationSeconds);
  const types = [...new Set(ctx.state.authenticatorsOf(user.id).filter((a) => a.verified).map((a) => a.type))] as AuthenticatorType[];
  const challenges: ChallengeRecord[] = [];
  if (types.length > 0) {
    const at = ctx.now();
    const challenge: ChallengeRecord = {
      id: randomUUID(),
      userId: user.id,
      token: record.token,
      authenticatorTypes: types,
      created: at,
      expires: at + ctx.challengeLifetimeSeconds * 1000,
      solved: false,
    };
    ctx.state.challenges.set(challenge.id, challenge);
    challenges.push(challenge);
    deliverLoginCodes(ctx, user.id);
  }
  const userData = status === 201 ? serializeUser(ctx, user) : { id: user.id };
  return ok(sessionData(record, userData, challenges.map(serializeChallenge)), status);
}

export function sendVerifications(ctx: RehiveContext, user: UserRecord): void {
  if (user.email && !user.verification.email) {
    const key = ctx.state.issueKey('email_verification', user, ctx.keyLifetimeSeconds);
    ctx.outbox.send(user.email, 'email_verification', { key, company: user.company });
  }
  if (user.mobile && !user.verification.mobile) sendMobileOtp(ctx, user);
}

export function sendMobileOtp(ctx: RehiveContext, user: UserRecord): void {
  const otp = ctx.state.issueKey('mobile_verification', user, ctx.keyLifetimeSeconds, newDigits(6));
  ctx.outbox.send(user.mobile!, 'mobile_verification', { otp, company: user.company });
}

/** [decision] a user needs at least one way to log in. */
function identifierMissing(profile: Partial<UserProfile>): EmulatorResponse | undefined {
  if (profile.email || profile.username || profile.mobile) return undefined;
  return fail(400, 'An email, mobile or username is required.');
}

/** The CreateCompany object of company registration: `{"id","name"}` [decision]. */
function readNewCompany(fields: Fields, raw: unknown, ctx: RehiveContext): Pick<Company, 'id' | 'name'> | undefined {
  if (raw === undefined || raw === null) {
    fields.add('company', raw === null ? 'This field may not be null.' : 'This field is required.');
    return undefined;
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    fields.errors.company = { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(raw) ? 'list' : 'str'}.`] };
    return undefined;
  }
  const nested = new Fields(raw as Record<string, unknown>);
  const id = nested.string('id', { required: true, max: 100 });
  const name = nested.string('name', { max: 100, allowBlank: true });
  if (id && !COMPANY_ID.test(id)) nested.add('id', 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.');
  else if (id && ctx.state.companies.has(id)) nested.add('id', 'company with this id already exists.');
  if (!nested.valid) {
    fields.errors.company = nested.errors;
    return undefined;
  }
  return { id: id!, name: name || id! };
}
