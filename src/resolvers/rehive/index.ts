import { linkedAccountView } from '../../auth/session.js';
import type { GatehouseContext } from '../../context.js';
import { badUserInput, unauthenticated } from '../../errors.js';
import type { MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import { InputCheck } from '../../validation/input.js';
import { configured } from '../../services.js';
import { linkAccount } from '../session.js';
import { MfaAuthenticator } from './MfaAuthenticator.js';
import { companyRegistration, registration, registrationLogin } from './registration.js';
import { RehiveUser } from './RehiveUser.js';

/** One-time codes are short; e-mailed keys and reset tokens are longer, but never this long. */
const MAX_CODE = 24;
const MAX_KEY = 256;
const MAX_LOGIN = 254;
const MAX_COMPANY = 100;

const Query: QueryResolvers = {
  authTokens: (_, __, { rehive }) => rehive.listTokens(),
  authToken: (_, { id }, { rehive }) => {
    new InputCheck().param('id', id, 'word').done();
    return rehive.getToken(id);
  },
  mfaAuthenticators: async (_, { type, verified }, { rehive }) => {
    const all = await rehive.listAuthenticators();
    return all.filter((a) => (type == null || a.type === type.toLowerCase()) && (verified == null || a.verified === verified));
  },
  mfaAuthenticator: (_, { id }, { rehive }) => {
    new InputCheck().param('id', id, 'identifier').done();
    return rehive.getAuthenticator(id);
  },
};

const Mutation: MutationResolvers = {
  register: async (_, { input }, context) => {
    const body = registration(input);
    // Account creation is as abusable as sign-in: it shares the per-client sign-in budget.
    await context.services.limiters.signInPerIp.consume(context.clientIp);
    return linkAccount(context, await rehiveUpstream(context).register(body, registrationLogin(input)));
  },
  registerCompany: async (_, { input }, context) => {
    const body = companyRegistration(input);
    await context.services.limiters.signInPerIp.consume(context.clientIp);
    return linkAccount(context, await rehiveUpstream(context).registerCompany(body, registrationLogin(input)));
  },

  verifyEmail: async (_, { key }, context) => {
    checkSecret('key', key, MAX_KEY);
    await limitAttempts(context, 'verify-email', key);
    await rehiveUpstream(context).verifyEmail(key);
    return true;
  },
  resendEmailVerification: async (_, { email, company }, context) => {
    new InputCheck().notBlank('email', email).email('email', email).notBlank('company', company).maxLength('company', company, MAX_COMPANY).done();
    await limitAttempts(context, 'resend-email', `${company}:${email.toLowerCase()}`);
    await rehiveUpstream(context).resendEmailVerification(email, company);
    return true;
  },
  verifyMobile: async (_, { otp }, context) => {
    checkSecret('otp', otp, MAX_CODE);
    await limitAttempts(context, 'verify-mobile', accountTarget(context));
    await context.rehive.verifyMobile(otp);
    return true;
  },
  resendMobileVerification: async (_, { mobile, company }, context) => {
    new InputCheck().notBlank('mobile', mobile).maxLength('mobile', mobile, MAX_LOGIN).notBlank('company', company).maxLength('company', company, MAX_COMPANY).done();
    await limitAttempts(context, 'resend-mobile', `${company}:${mobile}`);
    await rehiveUpstream(context).resendMobileVerification(mobile, company);
    return true;
  },

  completeMfaChallenge: async (_, { challengeId, code }, context) => {
    new InputCheck().param('challengeId', challengeId, 'identifier').notBlank('code', code).maxLength('code', code, MAX_CODE).done();
    const account = context.session?.accounts.rehive;
    if (!account) throw unauthenticated('rehive');
    if (!account.mfa) throw badUserInput('No multi-factor challenge is pending for this account.', { challengeId: ['No challenge is pending.'] });
    // Counted per field call before the upstream call: aliases in one request cannot multiply guesses.
    await limitAttempts(context, 'mfa-challenge', accountTarget(context));
    return linkedAccountView(await context.rehive.completeMfaChallenge(challengeId, code));
  },
  createMfaAuthenticator: (_, { type }, { rehive }) => rehive.createAuthenticator(type.toLowerCase() as 'totp' | 'sms' | 'static'),
  verifyMfaAuthenticator: async (_, { id, code }, context) => {
    new InputCheck().param('id', id, 'identifier').notBlank('code', code).maxLength('code', code, MAX_CODE).done();
    await limitAttempts(context, 'mfa-authenticator', accountTarget(context));
    return context.rehive.verifyAuthenticator(id, code);
  },
  deleteMfaAuthenticator: async (_, { id }, { rehive }) => {
    new InputCheck().param('id', id, 'identifier').done();
    await rehive.deleteAuthenticator(id);
    return id;
  },
  deliverMfaCode: async (_, { challengeId, authenticatorId }, { rehive }) => {
    new InputCheck().param('challengeId', challengeId, 'identifier').param('authenticatorId', authenticatorId, 'identifier').done();
    await rehive.deliverMfaCode(challengeId ?? null, authenticatorId ?? null);
    return true;
  },

  createAuthToken: async (_, { password, durationSeconds }, { rehive, services, session }) => {
    new InputCheck().notBlank('password', password).maxLength('password', password, 128).positiveInt('durationSeconds', durationSeconds).done();
    // The password is checked upstream: a stolen session must not be able to guess it here.
    await services.limiters.codePerTarget.consume(`password-check:rehive:${session!.id}`);
    return rehive.createToken(password, durationSeconds ?? null);
  },
  deleteAuthToken: async (_, { id }, { rehive }) => {
    new InputCheck().param('id', id, 'word').done();
    await rehive.deleteToken(id);
    return id;
  },
  deleteAllAuthTokens: async (_, __, { rehive }) => {
    await rehive.deleteAllTokens();
    return true;
  },

  requestAccountDeactivation: async (_, { user, company }, context) => {
    checkUserAndCompany(user, company);
    await limitAttempts(context, 'deactivate-request', `${company}:${user.toLowerCase()}`);
    await rehiveUpstream(context).requestAccountDeactivation(user, company);
    return true;
  },
  confirmAccountDeactivation: async (_, { key }, context) => {
    checkSecret('key', key, MAX_KEY);
    await limitAttempts(context, 'deactivate', key);
    await rehiveUpstream(context).confirmAccountDeactivation(key);
    return true;
  },
  requestAccountDeletion: async (_, { user, company }, context) => {
    checkUserAndCompany(user, company);
    await limitAttempts(context, 'delete-request', `${company}:${user.toLowerCase()}`);
    await rehiveUpstream(context).requestAccountDeletion(user, company);
    return true;
  },
  confirmAccountDeletion: async (_, { key }, context) => {
    checkSecret('key', key, MAX_KEY);
    await limitAttempts(context, 'delete', key);
    await rehiveUpstream(context).confirmAccountDeletion(key);
    return true;
  },
};

// AuthToken and Company (shared records) are resolved in src/resolvers/forensic/Company.ts.
export const rehiveResolvers = { Query, Mutation, RehiveUser, MfaAuthenticator };

export function rehiveUpstream(context: GatehouseContext) {
  return configured(context.services.rehive, 'rehive');
}

/**
 * Attempts at a guessable secret (code, key, reset token): per target and per client IP, spent
 * before the upstream call so that aliases and batching in one request count one by one.
 */
export async function limitAttempts(context: GatehouseContext, kind: string, target: string): Promise<void> {
  const { codePerTarget, codePerIp } = context.services.limiters;
  await codePerTarget.consume(`${kind}:${target}`);
  await codePerIp.consume(`${kind}:${context.clientIp}`);
}

/** The Rehive user the session's account belongs to (its limiter target). */
function accountTarget(context: GatehouseContext): string {
  const account = context.session?.accounts.rehive;
  if (!account) throw unauthenticated('rehive');
  return account.userId ?? `${account.login}@${context.session!.id}`;
}

function checkSecret(field: string, value: string, max: number): void {
  new InputCheck().notBlank(field, value).maxLength(field, value, max).done();
}

function checkUserAndCompany(user: string, company: string): void {
  new InputCheck().notBlank('user', user).maxLength('user', user, MAX_LOGIN).notBlank('company', company).maxLength('company', company, MAX_COMPANY).done();
}
