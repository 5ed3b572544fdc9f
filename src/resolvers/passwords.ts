import { badUserInput, invalidField } from '../errors.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { toUpstreamName } from '../upstreams.js';
import { checkPassword, guessCode } from './attempts.js';
import { clearOption } from './rehive/clear-sessions.js';
import { InputCheck } from '../validation/input.js';

const Mutation: MutationResolvers = {
  requestPasswordReset: async (_, { upstream, login, company, force }, context) => {
    const name = toUpstreamName(upstream);
    // Every check before the message budget is spent: a malformed request sends nothing.
    if (name !== 'hr' && name !== 'rehive') throw passwordsUnavailable('reset');
    if (name !== 'rehive' && force != null) throw invalidField('force', 'is only accepted for REHIVE');
    if (name === 'hr' && company != null) throw invalidField('company', 'is only accepted for REHIVE');
    if (name === 'rehive') {
      if (!company) throw invalidField('company', 'is required for REHIVE');
      new InputCheck().notBlank('login', login).maxLength('login', login, 254).maxLength('company', company, 100).done();
    }
    await context.limits.message.spend({ kind: 'reset-request', target: `${name}:${login}`, ip: context.clientIp });
    if (name === 'hr') await context.hr.forgotPassword(login);
    else if (company) await context.rehive.requestPasswordReset(login, company, force ?? false);
    return true;
  },

  resetPassword: async (_, { input }, context) => {
    const name = toUpstreamName(input.upstream);
    // A reset token is a guessable secret, counted per target and per client.
    const guess = (target: string, reset: () => Promise<void>) => guessCode(context, 'reset', `${name}:${target}`, reset);
    if (name === 'hr') {
      if (input.uid != null) throw invalidField('uid', 'is only accepted for REHIVE');
      if (input.clearSessions != null) throw invalidField('clearSessions', 'is only accepted for REHIVE');
      await guess(input.token, () => context.hr.resetPassword(input.token, input.newPassword));
      return true;
    }
    if (name === 'rehive') {
      const { uid } = input;
      if (!uid) throw invalidField('uid', 'is required for REHIVE');
      new InputCheck().maxLength('uid', uid, 256).maxLength('token', input.token, 256).notBlank('newPassword', input.newPassword).maxLength('newPassword', input.newPassword, 128).done();
      // The uid names the user: guesses at one user's reset token count together, whatever token they try.
      await guess(uid, () => context.rehive.resetPassword(uid, input.token, input.newPassword, clearOption(input.clearSessions, 'temporary')));
      return true;
    }
    throw passwordsUnavailable('reset');
  },

  changePassword: async (_, { input }, context) => {
    context.session.require();
    const name = toUpstreamName(input.upstream);
    if (name === 'hr') {
      // HR cannot end other sessions: its tokens issued before the change live until they expire.
      if (input.clearSessions != null) throw invalidField('clearSessions', 'is only accepted for REHIVE');
      await checkPassword(context, name, () => context.hr.changePassword(input.currentPassword, input.newPassword));
      return true;
    }
    if (name === 'rehive') {
      new InputCheck().maxLength('currentPassword', input.currentPassword, 128).notBlank('newPassword', input.newPassword).maxLength('newPassword', input.newPassword, 128).done();
      await checkPassword(context, name, () => context.rehive.changePassword(input.currentPassword, input.newPassword, clearOption(input.clearSessions, 'temporary')));
      return true;
    }
    throw passwordsUnavailable('change');
  },
};

const passwordsUnavailable = (what: 'reset' | 'change') =>
  badUserInput(`Password ${what} is available for HR and REHIVE.`, { upstream: ['must be HR or REHIVE'] });

export const passwordResolvers = { Mutation };
