/**
 * Where one account's upstream credentials live: a session's linked account, or a process-wide
 * service account. `key` identifies the account for single-flight refreshes.
 */
export interface CredentialSlot<C> {
  readonly key: string;
  read(): Promise<C | undefined>;
  /**
   * Stores refreshed credentials. `expiresAt` (epoch ms, null: unknown) is when the account stops
   * working without a new sign-in, as the refresh says; a session account shows it to its owner.
   */
  write(credentials: C, expiresAt?: number | null): Promise<void>;
  /**
   * The credentials are dead (refresh failed). A session account is signed out (returns
   * undefined); a service account signs in again and returns its new credentials.
   */
  expire(): Promise<C | undefined>;
}
