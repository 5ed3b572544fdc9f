import { rule } from 'graphql-shield';
import type { GatehouseContext } from '../context.js';
import { forbidden, unauthenticated } from '../errors.js';
import type { UpstreamName } from '../upstreams.js';

/** The request carries a valid Gatehouse session. */
export const isSignedIn = rule({ cache: 'contextual' })((_parent, _args, context: GatehouseContext) => (context.session.current ? true : context.session.missing()));

const accountRules = new Map<UpstreamName, ReturnType<ReturnType<typeof rule>>>();

/** The session has a linked account for the upstream. */
export function hasAccount(upstream: UpstreamName) {
  let accountRule = accountRules.get(upstream);
  if (!accountRule) {
    accountRule = rule(`hasAccount-${upstream}`, { cache: 'contextual' })((_parent, _args, context: GatehouseContext) => {
      if (!context.session.current) return context.session.missing();
      return context.session.account(upstream) ? true : unauthenticated(upstream);
    });
    accountRules.set(upstream, accountRule);
  }
  return accountRule;
}

/** The session's forensic account is an Oz ADMIN (the role Oz returned at sign-in). */
export const isForensicAdmin = rule({ cache: 'contextual' })((_parent, _args, context: GatehouseContext) => {
  if (context.session.account('forensic')?.roles.includes('ADMIN')) return true;
  return forbidden('Only a forensic ADMIN can do this.', 'forensic');
});
