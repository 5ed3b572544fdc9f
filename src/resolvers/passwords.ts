import { requireSession } from '../context.js';
import { badUserInput, invalidField, unauthenticated, upstreamUnavailable } from '../errors.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { toUpstreamName, type UpstreamName } from '../upstreams.js';

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
    throw badUserInput('Password reset is available for HR and REHIVE.', { upstream: ['must be HR or REHIVE'] });
  },

  changePassword: async (_, { input }, context) => {
    const session = requireSession(context);
    const name = toUpstreamName(input.upstream);
    if (name === 'hr') {
      if (!session.accounts.hr) throw unauthenticated('hr');
      await context.hr.changePassword(input.currentPassword, input.newPassword);
      return true;
    }
    throw badUserInput('Password change is available for HR and REHIVE.', { upstream: ['must be HR or REHIVE'] });
  },
};

export const passwordResolvers = { Mutation };

function configured<T>(upstream: T | undefined, name: UpstreamName): T {
  if (!upstream) throw upstreamUnavailable(name, 'is not configured');
  return upstream;
}
