import { linkedAccountView } from '../auth/session.js';
import type { GatehouseContext } from '../context.js';
import { isoOrNull } from '../datasources/core/json.js';
import type { NewAccount } from '../datasources/core/upstream.js';
import type { ForensicUserRecord } from '../datasources/forensic/records.js';
import { badUserInput, invalidField } from '../errors.js';
import { InputCheck } from '../validation/input.js';
import type { MutationResolvers, QueryResolvers, ResolversTypes, ViewerResolvers } from '../generated/graphql.js';
import { toUpstreamName, UPSTREAMS, type UpstreamName } from '../upstreams.js';
import { clearOption } from './rehive/clear-sessions.js';

const Query: QueryResolvers = {
  viewer: (_, __, { session }) => ({ session: session.current }),
};

const Viewer: ViewerResolvers = {
  signedIn: ({ session }) => session !== undefined,
  expiresAt: ({ session }) => (session ? new Date(session.expiresAt).toISOString() : null),
  accounts: ({ session }) => UPSTREAMS.flatMap((name) => (session?.accounts[name] ? [linkedAccountView(session.accounts[name])] : [])),
  hr: ({ session }, _, context) => (session?.accounts.hr ? context.hr.getMe() : null),
  rehive: ({ session }, _, context) => (session?.accounts.rehive ? context.rehive.getMe() : null),
  // The user Oz returned at sign-in, normalised (kept as the account's non-secret profile).
  forensic: ({ session }) => (session?.accounts.forensic?.profile as ForensicUserRecord | undefined) ?? null,
};

/**
 * Links a signed-in (or just registered) account into the caller's session, rotating its token,
 * and builds the SignInPayload. Shared by signIn and the Rehive registrations.
 */
export async function linkAccount(context: GatehouseContext, account: NewAccount): Promise<ResolversTypes['SignInPayload']> {
  // Signing in again replaces the account: end the replaced one upstream too, so its token does not
  // stay valid there with nobody holding it.
  if (context.session.account(account.upstream)) await endUpstreamSide(context, account.upstream);
  const { token, session, account: linked } = await context.session.link(account);
  return {
    token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    account: linkedAccountView(linked),
    mfaChallenge: linked.mfa
      ? {
          id: linked.mfa.challengeId,
          authenticatorTypes: linked.mfa.authenticatorTypes.map((type) => type.toUpperCase() as 'TOTP' | 'SMS' | 'STATIC'),
          expiresAt: isoOrNull(linked.mfa.expiresAt),
        }
      : null,
  };
}

/** The upstream logout is best effort: the local sign-out must happen even if it fails. */
async function endUpstreamSide(context: GatehouseContext, upstream: UpstreamName): Promise<void> {
  try {
    await context.upstream(upstream).signOut?.();
  } catch (error) {
    context.logger.warn({ err: error, upstream }, 'upstream sign-out failed');
  }
}

const Mutation: MutationResolvers = {
  signIn: async (_, { input }, context) => {
    const upstream = toUpstreamName(input.upstream);
    const login = input.login.trim();
    if (login === '') throw invalidField('login', 'must not be empty');
    if (input.password === '') throw invalidField('password', 'must not be empty');
    if (upstream === 'rehive' && !input.company) throw invalidField('company', 'is required for REHIVE');
    if (upstream !== 'rehive' && input.company != null) throw invalidField('company', 'is only accepted for REHIVE');
    if (upstream !== 'rehive' && input.sessionDurationSeconds != null) throw invalidField('sessionDurationSeconds', 'is only accepted for REHIVE');
    // Checked before the attempt is counted: input that never reaches the upstream is not a guess.
    if (upstream === 'rehive') {
      new InputCheck()
        .maxLength('login', login, 254)
        .maxLength('password', input.password, 128)
        .maxLength('company', input.company, 100)
        .nonNegativeInt('sessionDurationSeconds', input.sessionDurationSeconds)
        .done();
    }
    const dataSource = context.upstream(upstream);
    const account = await context.limits.signIn.attempt({ upstream, login, ip: context.clientIp }, () =>
      dataSource.signIn({ login, password: input.password, company: input.company, sessionDurationSeconds: input.sessionDurationSeconds }),
    );
    return linkAccount(context, account);
  },

  signOut: async (_, { upstream, clearSessions }, context) => {
    const session = context.session.require();
    if (upstream && upstream !== 'REHIVE' && clearSessions != null) throw invalidField('clearSessions', 'is only accepted for REHIVE');
    const names = upstream ? [toUpstreamName(upstream)] : UPSTREAMS.filter((name) => session.accounts[name]);
    // Ending the user's other Rehive sessions is what the client asked for: it happens first, and when
    // Rehive cannot do it the error is the answer and nothing is signed out. Ending only this session's
    // upstream side stays best effort.
    const option = clearOption(clearSessions, 'none');
    const clearing = option !== 'none' && names.includes('rehive') && context.session.account('rehive') !== undefined;
    if (clearing) await context.rehive.signOut(option);
    for (const name of names) {
      if (!context.session.account(name)) {
        if (upstream) throw badUserInput(`No ${name} account is linked to this session.`, { upstream: ['is not linked'] });
        continue;
      }
      if (!(clearing && name === 'rehive')) await endUpstreamSide(context, name);
      await context.session.unlink(name);
    }
    if (!upstream) await context.session.end();
    return true;
  },
};

export const sessionResolvers = { Query, Viewer, Mutation };
