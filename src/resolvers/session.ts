import { linkedAccountView, type NewAccount } from '../auth/session.js';
import type { StoredAccount } from '../auth/session-store.js';
import { requireSession, type GatehouseContext } from '../context.js';
import { badUserInput, invalidField } from '../errors.js';
import type { MutationResolvers, QueryResolvers, ResolversTypes, ViewerResolvers } from '../generated/graphql.js';
import { configured } from '../services.js';
import { toUpstreamName, UPSTREAMS } from '../upstreams.js';
import type { ForensicUserRecord } from '../datasources/forensic/records.js';

const Query: QueryResolvers = {
  viewer: (_, __, { session }) => ({ session }),
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
export async function linkAccount(context: GatehouseContext, account: NewAccount<unknown>): Promise<ResolversTypes['SignInPayload']> {
  // Signing in again replaces the account: end the replaced one upstream too, so its token does not
  // stay valid there with nobody holding it.
  const replaced = context.session?.accounts[account.upstream];
  if (context.session && replaced) await endUpstreamSide(context, context.session.id, replaced);
  const { token, session } = await context.services.sessions.link(context.session, account);
  // Later fields of this request (e.g. a second aliased signIn) act on the new session.
  context.session = session;
  context.sessionInvalid = false;
  const linked = session.accounts[account.upstream]!;
  return {
    token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    account: linkedAccountView(linked),
    mfaChallenge: linked.mfa
      ? {
          id: linked.mfa.challengeId,
          authenticatorTypes: linked.mfa.authenticatorTypes.map((type) => type.toUpperCase() as 'TOTP' | 'SMS' | 'STATIC'),
          expiresAt: linked.mfa.expiresAt === null ? null : new Date(linked.mfa.expiresAt).toISOString(),
        }
      : null,
  };
}

/** The upstream logout is best effort: the local sign-out must happen even if it fails. */
async function endUpstreamSide(context: GatehouseContext, sessionId: string, account: StoredAccount): Promise<void> {
  await context.services.accounts[account.upstream]
    ?.signOut?.(sessionId, account)
    .catch((error: unknown) => context.logger.warn({ err: error, upstream: account.upstream }, 'upstream sign-out failed'));
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
    const accountUpstream = configured(context.services.accounts[upstream], upstream);
    const account = await context.services.limits.signIn.attempt({ upstream, login, ip: context.clientIp }, () =>
      accountUpstream.signIn({ login, password: input.password, company: input.company, sessionDurationSeconds: input.sessionDurationSeconds }),
    );
    return linkAccount(context, account);
  },

  signOut: async (_, { upstream }, context) => {
    const session = requireSession(context);
    const { sessions } = context.services;
    const names = upstream ? [toUpstreamName(upstream)] : UPSTREAMS.filter((name) => session.accounts[name]);
    for (const name of names) {
      const account = session.accounts[name];
      if (!account) {
        if (upstream) throw badUserInput(`No ${name} account is linked to this session.`, { upstream: ['is not linked'] });
        continue;
      }
      await endUpstreamSide(context, session.id, account);
      await sessions.unlink(session.id, name);
    }
    if (!upstream) {
      await sessions.end(session.id);
      context.session = undefined;
    }
    return true;
  },
};

export const sessionResolvers = { Query, Viewer, Mutation };
