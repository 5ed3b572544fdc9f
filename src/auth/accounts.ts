import type { UpstreamName } from '../upstreams.js';
import type { StoredAccount } from './session-store.js';
import type { NewAccount } from './session.js';

export interface SignInRequest {
  login: string;
  password: string;
  company?: string | null;
  sessionDurationSeconds?: number | null;
}

/** What an upstream's sign-in yields: the account to link, and a pending MFA challenge if any. */
export type SignInResult = NewAccount<unknown>;

/** An upstream that people sign in to. Each upstream module implements this once. */
export interface AccountUpstream {
  readonly name: UpstreamName;
  signIn(request: SignInRequest): Promise<SignInResult>;
  /** Ends the upstream side of the session (e.g. Rehive logout). Optional: simplejwt has no logout. */
  signOut?(sessionId: string, account: StoredAccount): Promise<void>;
}
