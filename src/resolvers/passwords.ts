import { requireSession } from '../context.js';
import { configured } from '../services.js';
import { badUserInput, invalidField, unauthenticated } from '../errors.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { toUpstreamName } from '../upstreams.js';
import { InputCheck } from '../validation/input.js';

const Mutation: MutationResolvers = {
  requestPasswordReset: async (_, { upstream, login, company }, context) => {
    const name = toUpstreamName(upstream);
    await context.services.limits.message.spend({ kind: 'reset-request', target: `${name}:${login}`, ip: context.clientIp });
    if (name === 'hr') {
      if (company != null) throw invalidField('company', 'is only accepted for REHIVE');
      await configured(context.services.hr, 'hr').forgotPassword(login);
      return true;
    }
    if (name === 'rehive') {
      if (!company) throw invalidField('company', 'is required for REHIVE');
      new InputCheck().notBlank('login', login).maxLength('login', login, 254).maxLength('company', company, 100).done();
      await configured(context.services.rehive, 'rehive').requestPasswordReset(login, company);
      return true;
    }
    throw badUserInput('Password reset is available for HR and REHIVE.', { upstream: ['must be HR or REHIVE'] });
  },

  resetPassword: async (_, { input }, context) => {
    const name = toUpstreamName(input.upstream);
    // A reset token is a guessable secret, counted per target and per client.
    const attempt = (target: string) => ({ kind: 'reset' as const, target: `${name}:${target}`, ip: context.clientIp });
    if (name === 'hr') {
      if (input.uid != null) throw invalidField('uid', 'is only accepted for REHIVE');
      const hr = configured(context.services.hr, 'hr');
      await context.services.limits.code.attempt(attempt(input.token), () => hr.resetPassword(input.token, input.newPassword));
      return true;
    }
    if (name === 'rehive') {
      const { uid } = input;
      if (!uid) throw invalidField('uid', 'is required for REHIVE');
      new InputCheck().maxLength('uid', uid, 256).maxLength('token', input.token, 256).notBlank('newPassword', input.newPassword).maxLength('newPassword', input.newPassword, 128).done();
      const rehive = configured(context.services.rehive, 'rehive');
      // The uid names the user: guesses at one user's reset token count together, whatever token they try.
      await context.services.limits.code.attempt(attempt(uid), () => rehive.resetPassword(uid, input.token, input.newPassword));
      return true;
    }
    throw badUserInput('Password reset is available for HR and REHIVE.', { upstream: ['must be HR or REHIVE'] });
  },

  changePassword: async (_, { input }, context) => {
    const session = requireSession(context);
    const name = toUpstreamName(input.upstream);
    // The current password is checked upstream: a stolen session must not be able to guess it.
    const { passwordCheck } = context.services.limits;
    const ip = context.clientIp;
    if (name === 'hr') {
      const account = session.accounts.hr;
      if (!account) throw unauthenticated('hr');
      await passwordCheck.attempt({ account, ip }, () => context.hr.changePassword(input.currentPassword, input.newPassword));
      return true;
    }
    if (name === 'rehive') {
      const account = session.accounts.rehive;
      if (!account) throw unauthenticated('rehive');
      new InputCheck().maxLength('currentPassword', input.currentPassword, 128).notBlank('newPassword', input.newPassword).maxLength('newPassword', input.newPassword, 128).done();
      await passwordCheck.attempt({ account, ip }, () => context.rehive.changePassword(input.currentPassword, input.newPassword));
      return true;
    }
    throw badUserInput('Password change is available for HR and REHIVE.', { upstream: ['must be HR or REHIVE'] });
  },
};

export const passwordResolvers = { Mutation };
