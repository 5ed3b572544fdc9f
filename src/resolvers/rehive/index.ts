import { linkedAccountView } from '../../auth/session.js';
import type { GatehouseContext } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { checkPassword, guessCode } from '../attempts.js';
import type { MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import { ID_ARGUMENTS, toGlobalId, upstreamId } from '../../validation/global-id.js';
import { InputCheck } from '../../validation/input.js';
import { linkAccount } from '../session.js';
import { MfaAuthenticator } from './MfaAuthenticator.js';
import { companyRegistration, registration, registrationLogin } from './registration.js';
import { RehiveUser } from './RehiveUser.js';
import { tokenFilter } from './token-filter.js';

/** One-time codes are short; e-mailed keys and reset tokens are longer, but never this long. */
const MAX_CODE = 24;
const MAX_KEY = 256;
const MAX_LOGIN = 254;
const MAX_COMPANY = 100;

const Query: QueryResolvers = {
  authTokens: (_, { filter }, { rehive }) => rehive.listTokens(tokenFilter(filter)),
  authToken: (_, { id }, { rehive }) => rehive.getToken(upstreamId('id', id, ID_ARGUMENTS.rehiveToken)),
  mfaAuthenticators: async (_, { type, verified }, { rehive }) => {
    const all = await rehive.listAuthenticators();
    return all.filter((a) => (type == null || a.type === type.toLowerCase()) && (verified == null || a.verified === verified));
  },
  mfaAuthenticator: (_, { id }, { rehive }) => rehive.getAuthenticator(upstreamId('id', id, ID_ARGUMENTS.mfaAuthenticator)),
};

const Mutation: MutationResolvers = {
  register: async (_, { input }, context) => {
    const body = registration(input);
    await context.limits.registration.spend({ ip: context.clientIp });
    return linkAccount(context, await context.rehive.register(body, registrationLogin(input)));
  },
  registerCompany: async (_, { input }, context) => {
    const body = companyRegistration(input);
    await context.limits.registration.spend({ ip: context.clientIp });
    return linkAccount(context, await context.rehive.registerCompany(body, registrationLogin(input)));
  },

  verifyEmail: async (_, { key }, context) => {
    checkSecret('key', key, MAX_KEY);
    const rehive = context.rehive;
    await guessCode(context, 'verify-email', key, () => rehive.verifyEmail(key));
    return true;
  },
  resendEmailVerification: async (_, { email, company }, context) => {
    new InputCheck().notBlank('email', email).email('email', email).notBlank('company', company).maxLength('company', company, MAX_COMPANY).done();
    await context.limits.message.spend({ kind: 'resend-email', target: `${company}:${email}`, ip: context.clientIp });
    await context.rehive.resendEmailVerification(email, company);
    return true;
  },
  verifyMobile: async (_, { otp }, context) => {
    checkSecret('otp', otp, MAX_CODE);
    await guessCode(context, 'verify-mobile', accountTarget(context), () => context.rehive.verifyMobile(otp));
    return true;
  },
  resendMobileVerification: async (_, { mobile, company }, context) => {
    new InputCheck().notBlank('mobile', mobile).maxLength('mobile', mobile, MAX_LOGIN).notBlank('company', company).maxLength('company', company, MAX_COMPANY).done();
    await context.limits.message.spend({ kind: 'resend-mobile', target: `${company}:${mobile}`, ip: context.clientIp });
    await context.rehive.resendMobileVerification(mobile, company);
    return true;
  },

  completeMfaChallenge: async (_, { challengeId, code }, context) => {
    new InputCheck().param('challengeId', challengeId, 'identifier').notBlank('code', code).maxLength('code', code, MAX_CODE).done();
    const account = context.session.requireAccount('rehive');
    if (!account.mfa) throw badUserInput('No multi-factor challenge is pending for this account.', { challengeId: ['No challenge is pending.'] });
    await guessCode(context, 'mfa-challenge', accountTarget(context), () => context.rehive.completeMfaChallenge(challengeId, code));
    return linkedAccountView(context.session.requireAccount('rehive'));
  },
  createMfaAuthenticator: (_, { type }, { rehive }) => rehive.createAuthenticator(type.toLowerCase() as 'totp' | 'sms' | 'static'),
  verifyMfaAuthenticator: async (_, { id, code }, context) => {
    const ids = new InputCheck().id('id', id, ID_ARGUMENTS.mfaAuthenticator).notBlank('code', code).maxLength('code', code, MAX_CODE).done();
    return guessCode(context, 'mfa-authenticator', accountTarget(context), () => context.rehive.verifyAuthenticator(ids.id!, code));
  },
  verifyMfaCode: async (_, { code, challengeId, authenticatorId }, context) => {
    const ids = new InputCheck()
      .notBlank('code', code)
      .maxLength('code', code, MAX_CODE)
      .param('challengeId', challengeId, 'identifier')
      .id('authenticatorId', authenticatorId, ID_ARGUMENTS.mfaAuthenticator)
      .done();
    // The same counts as completeMfaChallenge / verifyMfaAuthenticator: this form gives no extra guesses.
    const kind = challengeId ? 'mfa-challenge' : 'mfa-authenticator';
    await guessCode(context, kind, accountTarget(context), () => context.rehive.verifyMfaCode(code, challengeId ?? null, ids.authenticatorId ?? null));
    return true;
  },
  deleteMfaAuthenticator: async (_, { id }, { rehive }) => {
    const authenticatorId = upstreamId('id', id, ID_ARGUMENTS.mfaAuthenticator);
    await rehive.deleteAuthenticator(authenticatorId);
    return toGlobalId('MfaAuthenticator', authenticatorId);
  },
  deliverMfaCode: async (_, { challengeId, authenticatorId }, { rehive }) => {
    // A challenge is not an object clients refetch: its id stays Rehive's own.
    const ids = new InputCheck().param('challengeId', challengeId, 'identifier').id('authenticatorId', authenticatorId, ID_ARGUMENTS.mfaAuthenticator).done();
    await rehive.deliverMfaCode(challengeId ?? null, ids.authenticatorId ?? null);
    return true;
  },

  createAuthToken: async (_, { password, durationSeconds }, context) => {
    new InputCheck().notBlank('password', password).maxLength('password', password, 128).nonNegativeInt('durationSeconds', durationSeconds).done();
    return checkPassword(context, 'rehive', () => context.rehive.createToken(password, durationSeconds ?? null));
  },
  deleteAuthToken: async (_, { id }, { rehive }) => {
    const key = upstreamId('id', id, ID_ARGUMENTS.rehiveToken);
    await rehive.deleteToken(key);
    return toGlobalId('AuthToken', key, 'rehive');
  },
  deleteAllAuthTokens: async (_, __, { rehive }) => {
    await rehive.deleteAllTokens();
    return true;
  },

  requestAccountDeactivation: async (_, { user, company }, context) => {
    checkUserAndCompany(user, company);
    await context.limits.message.spend({ kind: 'deactivate-request', target: `${company}:${user}`, ip: context.clientIp });
    await context.rehive.requestAccountDeactivation(user, company);
    return true;
  },
  confirmAccountDeactivation: async (_, { key }, context) => {
    checkSecret('key', key, MAX_KEY);
    await guessCode(context, 'deactivate', key, () => context.rehive.confirmAccountDeactivation(key));
    return true;
  },
  requestAccountDeletion: async (_, { user, company }, context) => {
    checkUserAndCompany(user, company);
    await context.limits.message.spend({ kind: 'delete-request', target: `${company}:${user}`, ip: context.clientIp });
    await context.rehive.requestAccountDeletion(user, company);
    return true;
  },
  confirmAccountDeletion: async (_, { key }, context) => {
    checkSecret('key', key, MAX_KEY);
    await guessCode(context, 'delete', key, () => context.rehive.confirmAccountDeletion(key));
    return true;
  },
};

export const rehiveResolvers = { Query, Mutation, RehiveUser, MfaAuthenticator };

/** The Rehive user the session's account belongs to (its limiter target). */
function accountTarget(context: GatehouseContext): string {
  const account = context.session.requireAccount('rehive');
  return account.userId ?? `${account.login}@${context.session.require().id}`;
}

function checkSecret(field: string, value: string, max: number): void {
  new InputCheck().notBlank(field, value).maxLength(field, value, max).done();
}

function checkUserAndCompany(user: string, company: string): void {
  new InputCheck().notBlank('user', user).maxLength('user', user, MAX_LOGIN).notBlank('company', company).maxLength('company', company, MAX_COMPANY).done();
}
