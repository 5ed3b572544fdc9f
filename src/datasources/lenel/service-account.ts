import type { CredentialSlot } from '../../auth/credential-slot.js';

/**
 * A process-wide service account's credentials, held in memory only. The first use signs in;
 * when the lifecycle reports the credentials dead (`expire`, e.g. the refresh token ran out) it
 * signs in again. Concurrent sign-ins are shared (single-flight).
 */
export class ServiceAccountSlot<C> implements CredentialSlot<C> {
  private credentials: C | undefined;
  private signingIn: Promise<C> | undefined;

  constructor(
    readonly key: string,
    private readonly signIn: () => Promise<C>,
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
    this.signingIn ??= this.signIn()
      .then((credentials) => {
        this.credentials = credentials;
        return credentials;
      })
      .finally(() => {
        this.signingIn = undefined;
      });
    return this.signingIn;
  }
}
