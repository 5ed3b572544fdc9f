import { requireSession } from '../context.js';
import { configured } from '../services.js';
import { badUserInput, invalidField, unauthenticated } from '../errors.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { toUpstreamName } from '../upstreams.js';
import { InputCheck } from '../validation/input.js';

const Mutation: MutationResolvers = {
  requestPasswordReset: async (_, { upstream, login, company }, context) => {
    const name = toUpstreamName(upstream);
    await context.services.limiters.codePerTarget.consume(`reset-request:${name}:${login.toLowerCase()}`);
    await context.services.limiters.codePerIp.consume(`reset-request:${context.clientIp}`);
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
    // A reset token is a guessable secret: limit attempts per token and per client.
    await context.services.limiters.codePerTarget.consume(`reset:${name}:${input.token}`);
    await context.services.limiters.codePerIp.consume(`reset:${context.clientIp}`);
    if (name === 'hr') {
      if (input.uid != null) throw invalidField('uid', 'is only accepted for REHIVE');
      await configured(context.services.hr, 'hr').resetPassword(input.token, input.newPassword);
      return true;
    }
    if (name === 'rehive') {
      if (!input.uid) throw invalidField('uid', 'is required for REHIVE');
      new InputCheck().maxLength('uid', input.uid, 256).maxLength('token', input.token, 256).notBlank('newPassword', input.newPassword).maxLength('newPassword', input.newPassword, 128).done();
      // The uid names the user: guesses at one user's reset token count together, whatever token they try.
      await context.services.limiters.codePerTarget.consume(`reset-uid:rehive:${input.uid}`);
      await configured(context.services.rehive, 'rehive').resetPassword(input.uid, input.token, input.newPassword);
      return true;
    }
    throw badUserInput('Password reset is available for HR and REHIVE.', { upstream: ['must be HR or REHIVE'] });
  },

  changePassword: async (_, { input }, context) => {
    const session = requireSession(context);
    const name = toUpstreamName(input.upstream);
    // The current password is checked upstream: a stolen session must not be able to guess it.
    await context.services.limiters.codePerTarget.consume(`password-check:${name}:${session.id}`);
    if (name === 'hr') {
      if (!session.accounts.hr) throw unauthenticated('hr');
      await context.hr.changePassword(input.currentPassword, input.newPassword);
      return true;
    }
    if (name === 'rehive') {
      if (!session.accounts.rehive) throw unauthenticated('rehive');
      new InputCheck().maxLength('currentPassword', input.currentPassword, 128).notBlank('newPassword', input.newPassword).maxLength('newPassword', input.newPassword, 128).done();
      await context.rehive.changePassword(input.currentPassword, input.newPassword);
      return true;
    }
    throw badUserInput('Password change is available for HR and REHIVE.', { upstream: ['must be HR or REHIVE'] });
  },
};

export const passwordResolvers = { Mutation };
