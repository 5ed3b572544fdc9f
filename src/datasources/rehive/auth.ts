import { mfaRequired, unauthenticated, upstreamSignInEnded, type GatehouseError } from '../../errors.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import type { AccountSlot, AccountState } from '../core/upstream.js';

/** What the session holds for a Rehive account (sealed): the opaque token and its expiry. */
export interface RehiveCredentials {
  token: string;
  /** epoch ms; null: never expires */
  expires: number | null;
}

/**
 * `token`: a normal Rehive call, refused while a login challenge is pending; `mfa`: one of the MFA
 * endpoints Rehive serves to a token that still waits for its challenge.
 */
export type RehiveAccess = 'token' | 'mfa';

/**
 * The Rehive credential lifecycle: an opaque `Authorization: Token …` with no refresh. A pending MFA
 * challenge (held in the account's state) blocks every non-MFA call before it leaves the gateway;
 * an expired token or a 401 signs the account out of the session (Rehive tokens cannot be renewed
 * without the password).
 */
export class RehiveAuth {
  constructor(
    private readonly client: UpstreamClient,
    private readonly now: () => number = Date.now,
  ) {}

  async call(slot: AccountSlot<RehiveCredentials>, request: UpstreamRequest, access: RehiveAccess = 'token'): Promise<UpstreamResponse> {
    const account = this.account(slot);
    if (account.mfa) {
      if (account.mfa.expiresAt !== null && account.mfa.expiresAt <= this.now()) throw await this.signOut(slot);
      if (access !== 'mfa') throw mfaRequired(account.mfa.challengeId);
    }
    const credentials = await this.credentials(slot);
    const response = await this.client.request({ ...request, headers: { ...request.headers, authorization: `Token ${credentials.token}` } });
    if (response.status === 401) throw await this.signOut(slot);
    return response;
  }

  /** The session's Rehive token, or UNAUTHENTICATED (signing the account out when it has expired). */
  async credentials(slot: AccountSlot<RehiveCredentials>): Promise<RehiveCredentials> {
    this.account(slot);
    const credentials = await slot.read();
    if (!credentials || (credentials.expires !== null && credentials.expires <= this.now())) throw await this.signOut(slot);
    return credentials;
  }

  /** Removes the Rehive account from the session; the error to answer with. */
  async signOut(slot: AccountSlot<RehiveCredentials>): Promise<GatehouseError> {
    await slot.expire();
    return upstreamSignInEnded('rehive');
  }

  /** The session's Rehive account, or UNAUTHENTICATED when none is linked. */
  private account(slot: AccountSlot<RehiveCredentials>): AccountState {
    const account = slot.state;
    if (!account) throw unauthenticated('rehive');
    return account;
  }
}
