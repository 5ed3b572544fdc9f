import { badUserInput, invalidCredentials, unauthenticated, upstreamSignInEnded, upstreamSignInExpired } from '../../errors.js';
import { drfError, isTokenNotValid } from './errors.js';
import { isRecord } from '../core/json.js';
import type { CredentialSlot } from '../core/credential-slot.js';
import { processLock, type RefreshLock } from '../core/refresh-lock.js';
import { SingleFlight } from '../core/single-flight.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';

/** A simplejwt access/refresh pair. */
export interface JwtCredentials {
  access: string;
  refresh: string;
}

export interface SimpleJwtPaths {
  obtain: string;
  refresh: string;
}

/** The JWT's payload, read without verifying: the gateway only needs `exp`/`iat` for timing. */
export function jwtClaims(token: string): { exp?: number; iat?: number; user_id?: number | string } {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return isRecord(payload) ? (payload as { exp?: number; iat?: number; user_id?: number | string }) : {};
  } catch {
    return {};
  }
}

/** When the pair stops working without a new sign-in: the refresh token's `exp` (epoch ms), or null. */
export function refreshExpiry(credentials: JwtCredentials): number | null {
  const { exp } = jwtClaims(credentials.refresh);
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}

/**
 * The simplejwt credential lifecycle (lenel, hr): refresh before expiry from the JWT's `exp`,
 * refresh once and retry on a 401 `token_not_valid`, single-flight so concurrent requests share
 * one refresh, keep the newest refresh token (rotation), and sign the account out when the
 * refresh token is dead.
 */
export class SimpleJwtAuth {
  private readonly refreshes = new SingleFlight<JwtCredentials | undefined>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly paths: SimpleJwtPaths,
    private readonly loginField: 'email' | 'username',
    private readonly now: () => number = Date.now,
    private readonly lock: RefreshLock = processLock,
  ) {}

  /** Token obtain. Wrong credentials → UNAUTHENTICATED without saying which part was wrong. */
  async obtain(login: string, password: string, requestId?: string): Promise<JwtCredentials & { userId: string | null }> {
    // Public endpoint: called without any user credentials (a stale token would turn it into a 401).
    const response = await this.client.request({
      requestId,
      method: 'POST',
      path: this.paths.obtain,
      route: this.paths.obtain,
      body: { [this.loginField]: login, password },
    });
    if (response.status === 200 && isRecord(response.body) && typeof response.body.access === 'string' && typeof response.body.refresh === 'string') {
      const userId = jwtClaims(response.body.access).user_id;
      return { access: response.body.access, refresh: response.body.refresh, userId: userId === undefined ? null : String(userId) };
    }
    if (response.status === 401) throw invalidCredentials(this.client.upstream);
    if (response.status === 400) {
      const error = drfError(this.client.upstream, response, { [this.loginField]: 'login', password: 'password' });
      if (error.extensions.code === 'BAD_USER_INPUT') throw error;
      throw badUserInput('The login and password are required.', undefined, this.client.upstream);
    }
    throw drfError(this.client.upstream, response);
  }

  /** An authenticated call with the slot's access token, refreshing as needed (at most once per call). */
  async call(slot: CredentialSlot<JwtCredentials>, request: UpstreamRequest): Promise<UpstreamResponse> {
    let credentials = await slot.read();
    if (!credentials) throw unauthenticated(this.client.upstream);
    if (this.expiresSoon(credentials.access)) credentials = await this.refreshShared(slot, credentials.access, request.requestId);
    let response = await this.send(request, credentials.access);
    if (isTokenNotValid(response)) {
      credentials = await this.refreshShared(slot, credentials.access, request.requestId);
      response = await this.send(request, credentials.access);
    }
    // Still 401 after one refresh (user inactive or deleted, token revoked): the account is no longer usable.
    if (response.status === 401) {
      await slot.expire();
      throw upstreamSignInEnded(this.client.upstream);
    }
    return response;
  }

  private send(request: UpstreamRequest, access: string): Promise<UpstreamResponse> {
    return this.client.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${access}` } });
  }

  private expiresSoon(access: string): boolean {
    const { exp, iat } = jwtClaims(access);
    if (typeof exp !== 'number') return false;
    // Refresh a little early, but never for most of a short lifetime (tests use 1-second tokens).
    const lifetime = typeof iat === 'number' ? exp - iat : 300;
    const marginMs = Math.min(10, lifetime / 4) * 1000;
    return exp * 1000 - marginMs <= this.now();
  }

  /** One refresh per account at a time; callers that arrive later reuse what it wrote back. */
  private async refreshShared(slot: CredentialSlot<JwtCredentials>, staleAccess: string, requestId: string | undefined): Promise<JwtCredentials> {
    const credentials = await this.refreshes.run(slot.key, () => this.lock.around(slot.key, () => this.refresh(slot, staleAccess, requestId)));
    if (!credentials) throw upstreamSignInExpired(this.client.upstream);
    return credentials;
  }

  private async refresh(slot: CredentialSlot<JwtCredentials>, staleAccess: string, requestId: string | undefined): Promise<JwtCredentials | undefined> {
    const current = await slot.read();
    if (!current) return undefined;
    // Another request refreshed since this one read its token: use the result instead of spending
    // the (possibly rotated and blacklisted) refresh token again.
    if (current.access !== staleAccess && !this.expiresSoon(current.access)) return current;
    const response = await this.client.request({ method: 'POST', path: this.paths.refresh, route: this.paths.refresh, body: { refresh: current.refresh }, requestId });
    if (response.status === 200 && isRecord(response.body) && typeof response.body.access === 'string') {
      const refreshed = { access: response.body.access, refresh: typeof response.body.refresh === 'string' ? response.body.refresh : current.refresh };
      await slot.write(refreshed, refreshExpiry(refreshed));
      return refreshed;
    }
    if (response.status === 401 || response.status === 400) return slot.expire();
    throw drfError(this.client.upstream, response);
  }
}
