import { mfaRequired, unauthenticated, type GatehouseError } from '../../errors.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import type { Session, SessionService } from '../../auth/session.js';
import type { StoredAccount } from '../../auth/session-store.js';

/** What the session holds for a Rehive account (sealed): the opaque token and its expiry. */
export interface RehiveCredentials {
  token: string;
  /** epoch ms; null: never expires */
  expires: number | null;
}

/**
 * The request's view of the caller's session. Rehive credential handling updates it when it signs
 * the account out or a challenge is solved, so later fields of the same request see the change.
 */
export interface SessionHolder {
  session: Session | undefined;
}

/**
 * `token`: a normal Rehive call, refused while a login challenge is pending; `mfa`: one of the MFA
 * endpoints Rehive serves to a token that still waits for its challenge.
 */
export type RehiveAccess = 'token' | 'mfa';

/**
 * The Rehive credential lifecycle: an opaque `Authorization: Token …` with no refresh. A pending MFA
 * challenge blocks every non-MFA call before it leaves the gateway; an expired token or a 401 signs
 * the account out of the session (Rehive tokens cannot be renewed without the password).
 */
export class RehiveAuth {
  constructor(
    private readonly client: UpstreamClient,
    private readonly sessions: SessionService,
    private readonly now: () => number = Date.now,
  ) {}

  async call(holder: SessionHolder, request: UpstreamRequest, access: RehiveAccess = 'token'): Promise<UpstreamResponse> {
    const account = this.account(holder);
    if (account.mfa) {
      if (account.mfa.expiresAt !== null && account.mfa.expiresAt <= this.now()) throw await this.signOut(holder);
      if (access !== 'mfa') throw mfaRequired(account.mfa.challengeId);
    }
    const credentials = await this.credentials(holder);
    const response = await this.client.request({ ...request, headers: { ...request.headers, authorization: `Token ${credentials.token}` } });
    if (response.status === 401) throw await this.signOut(holder);
    return response;
  }

  /** The session's Rehive token, or UNAUTHENTICATED (signing the account out when it has expired). */
  async credentials(holder: SessionHolder): Promise<RehiveCredentials> {
    this.account(holder);
    const credentials = await this.sessions.credentials<RehiveCredentials>(holder.session!.id, 'rehive');
    if (!credentials || (credentials.expires !== null && credentials.expires <= this.now())) throw await this.signOut(holder);
    return credentials;
  }

  /** Removes the Rehive account from the session (and from the request's view of it). */
  async signOut(holder: SessionHolder): Promise<GatehouseError> {
    const session = holder.session;
    if (session?.accounts.rehive) {
      await this.sessions.unlink(session.id, 'rehive');
      const accounts = { ...session.accounts };
      delete accounts.rehive;
      holder.session = { ...session, accounts };
    }
    return unauthenticated('rehive', 'Your rehive sign-in is no longer valid. Sign in again.');
  }

  /** Records a change of the account's non-secret state (a solved challenge, its roles). */
  async updateAccount(holder: SessionHolder, change: (account: StoredAccount) => StoredAccount): Promise<StoredAccount> {
    this.account(holder);
    const updated = await this.sessions.updateAccount(holder.session!.id, 'rehive', change);
    const account = updated?.accounts.rehive;
    if (!updated || !account) throw unauthenticated('rehive');
    holder.session = updated;
    return account;
  }

  /** The session's Rehive account, or UNAUTHENTICATED when none is linked. */
  private account(holder: SessionHolder): StoredAccount {
    const account = holder.session?.accounts.rehive;
    if (!account) throw unauthenticated('rehive');
    return account;
  }
}
