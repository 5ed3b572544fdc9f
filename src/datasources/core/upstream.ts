import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { UpstreamName } from '../../upstreams.js';
import type { CredentialSlot } from './credential-slot.js';
import type { UpstreamClient } from './http-client.js';
import type { ListShare } from './list-share.js';
import type { RefreshLock } from './refresh-lock.js';

/**
 * The shape every upstream module has (`src/datasources/<upstream>/index.ts` exports one record of
 * it). The gateway builds each configured upstream once from the record, and each request's data
 * source from it, in a loop: adding an upstream adds a folder and a line to `datasources/index.ts`.
 */
export interface UpstreamModule<DS extends AccountDataSource> {
  readonly name: UpstreamName;
  /** The process-wide part, built once per gateway from its HTTP client and configuration. */
  create(environment: UpstreamEnvironment): Upstream<DS>;
}

/** What the gateway hands an upstream module at start-up. */
export interface UpstreamEnvironment {
  client: UpstreamClient;
  config: Config;
  logger: Logger;
  /** Serialises credential refreshes of one account (across replicas when sessions live in Redis). */
  refreshLock: RefreshLock;
  /** Epoch milliseconds, for credential expiry and back-offs. */
  now: () => number;
  /** Shares whole-list reads across replicas (Redis), or nothing. */
  listShare: ListShare;
}

export interface Upstream<DS extends AccountDataSource> {
  readonly client: UpstreamClient;
  /**
   * The data source for one request, acting for the caller's account at this upstream. The upstream
   * calls it makes are logged with `requestId`.
   */
  dataSource(account: AccountSlot<unknown>, requestId?: string): DS;
}

/** What every request's data source offers the session resolvers. */
export interface AccountDataSource {
  /** Checks the credentials upstream and returns the account to link (no session change here). */
  signIn(request: SignInRequest): Promise<NewAccount>;
  /** Ends the upstream side of the linked account (e.g. Rehive's logout), before the session lets go of it. */
  signOut?(): Promise<void>;
}

export interface SignInRequest {
  login: string;
  password: string;
  company?: string | null;
  sessionDurationSeconds?: number | null;
}

/** A pending multi-factor login challenge (Rehive): the account's fields wait until it is solved. */
export interface MfaState {
  challengeId: string;
  authenticatorTypes: string[];
  /** epoch ms */
  expiresAt: number | null;
}

/** An upstream account as a Gatehouse session holds it, without its secrets. */
export interface AccountState {
  upstream: UpstreamName;
  login: string;
  userId: string | null;
  roles: string[];
  mfa: MfaState | null;
  /**
   * epoch ms: when the account stops working without a new sign-in, as last known (Rehive: the
   * token's expiry; simplejwt: the refresh token's; forensic: the sliding session's at sign-in or
   * the last refresh). null or absent: unknown, or never.
   */
  expiresAt?: number | null;
  /** Non-secret data the upstream returned at sign-in (e.g. the forensic user), for `viewer`. */
  profile?: unknown;
}

/** What a sign-in yields: the account to link, with the credentials the session will seal. */
export interface NewAccount<C = unknown> extends AccountState {
  credentials: C;
}

/**
 * The caller's account at one upstream, for one request. The Gatehouse session implements it: a
 * refresh written here, a solved challenge recorded here, or a sign-out (`expire`) is stored in the
 * session and seen by the rest of the request. `state` is undefined while no account is linked.
 */
export interface AccountSlot<C> extends CredentialSlot<C> {
  readonly state: AccountState | undefined;
  /** Changes the account's non-secret state; UNAUTHENTICATED when it is no longer linked. */
  update(change: (state: AccountState) => AccountState): Promise<AccountState>;
}
