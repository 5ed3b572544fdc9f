import type { CredentialSlot } from './credential-slot.js';

/**
 * A process-wide service account's credentials, held in memory only. The first use signs in;
 * when the lifecycle reports the credentials dead (`expire`, e.g. the refresh token ran out) it
 * signs in again. Concurrent sign-ins are shared (single-flight), and after a failed sign-in the
 * same error is answered for `backoffMs` without asking again: a backend that locks accounts after
 * repeated failures must not lock the gateway's account because traffic kept coming.
 */
export class ServiceAccountSlot<C> implements CredentialSlot<C> {
  private credentials: C | undefined;
  private signingIn: Promise<C> | undefined;
  private failure: { error: unknown; until: number } | undefined;

  constructor(
    readonly key: string,
    private readonly signIn: () => Promise<C>,
    private readonly backoffMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<C | undefined> {
    return this.credentials ?? this.freshSignIn();
  }

  async write(credentials: C): Promise<void> {
    this.credentials = credentials;
  }

  async expire(): Promise<C | undefined> {
    this.credentials = undefined;
    return this.freshSignIn();
  }

  private freshSignIn(): Promise<C> {
    if (this.failure && this.failure.until > this.now()) return Promise.reject(this.failure.error);
    this.signingIn ??= this.signIn()
      .then(
        (credentials) => {
          this.failure = undefined;
          this.credentials = credentials;
          return credentials;
        },
        (error: unknown) => {
          this.failure = { error, until: this.now() + this.backoffMs };
          throw error;
        },
      )
      .finally(() => {
        this.signingIn = undefined;
      });
    return this.signingIn;
  }
}
