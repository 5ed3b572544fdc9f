import { createHash } from 'node:crypto';
import { badUserInput, invalidCredentials, unauthenticated, upstreamError, upstreamSignInEnded, upstreamSignInExpired } from '../../errors.js';
import { isRecord } from '../core/json.js';
import { OzErrorCode, ozError, ozErrorCode } from './errors.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../core/http-client.js';
import type { CredentialSlot } from '../core/credential-slot.js';
import { processLock, type RefreshLock } from '../core/refresh-lock.js';
import { SingleFlight } from '../core/single-flight.js';

export const OZ_TOKEN_HEADER = 'x-forensic-access-token';

/** An Oz session: opaque access token, its `expire_token`, and the expiry Oz announced. */
export interface OzCredentials {
  access: string;
  expire: string;
  /** epoch ms from `expire_date`; null when it cannot be trusted (already past on our clock: skew) */
  expiresAt: number | null;
  /** how long one use extends the session (expire_date − receipt time) */
  lifetimeMs: number | null;
}

export interface OzSessionBody {
  credentials: OzCredentials;
  /** the `user` object, as the backend's API version spells it */
  user: Record<string, unknown>;
}

const PATHS = { obtain: '/api/authorize/auth', refresh: '/api/authorize/refresh/' } as const;
const MAX_SLIDES = 50_000;

/**
 * The Oz credential lifecycle (forensic): refresh with `expire_token` shortly before the tracked
 * expiry, or once on a 401 AUTH EXPIRED (error_code 8); single-flight per account; keep the newest
 * pair (Oz retires the old pair once the new access token is used); sign the account out when the
 * refresh fails.
 *
 * Oz slides the expiry on every authenticated request. The slid expiry is tracked in memory per
 * process rather than written to the session store: a write-back would race with a concurrent
 * refresh and could overwrite the new pair with the retired one. Another replica (or a restart)
 * just refreshes a little early.
 */
export class OzAuth {
  private readonly refreshes = new SingleFlight<OzCredentials | undefined>();
  /** slot key → (hash of the access token, slid expiry in epoch ms) */
  private readonly slides = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly now: () => number = Date.now,
    private readonly lock: RefreshLock = processLock,
  ) {}

  /** `POST /api/authorize/auth` (public). Wrong credentials → UNAUTHENTICATED without saying which part was wrong. */
  async obtain(email: string, password: string, requestId?: string): Promise<OzSessionBody> {
    const response = await this.client.request({ method: 'POST', path: PATHS.obtain, route: PATHS.obtain, body: { credentials: { email, password } }, requestId });
    if (response.status === 200) {
      const session = this.readSession(response);
      if (!isRecord((response.body as Record<string, unknown>).user)) throw upstreamError('forensic', 'sent a malformed sign-in response');
      return { credentials: session, user: (response.body as { user: Record<string, unknown> }).user };
    }
    if (response.status === 401) throw invalidCredentials('forensic');
    if (response.status === 400) {
      const error = ozError(response, { email: 'login', password: 'password' });
      if (error.extensions.code === 'BAD_USER_INPUT') throw error;
      throw badUserInput('The login and password are required.', undefined, 'forensic');
    }
    throw ozError(response);
  }

  /** An authenticated call with the slot's access token, refreshing as needed (at most once per call). */
  async call(slot: CredentialSlot<OzCredentials>, request: UpstreamRequest): Promise<UpstreamResponse> {
    let credentials = await slot.read();
    if (!credentials) throw unauthenticated('forensic');
    const early = this.expiresSoon(slot.key, credentials);
    if (early) credentials = await this.refreshShared(slot, credentials.access, request.requestId);
    let response = await this.send(request, credentials.access);
    if (response.status === 401 && !early) {
      // AUTH EXPIRED: refresh. Any other 401 is retried only if another request has meanwhile
      // refreshed (our token was retired when the new one was first used).
      credentials =
        ozErrorCode(response) === OzErrorCode.AUTH_EXPIRED ? await this.refreshShared(slot, credentials.access, request.requestId) : await this.newerCredentials(slot, credentials.access);
      response = await this.send(request, credentials.access);
    }
    if (response.status === 401) {
      await this.signOut(slot);
      throw upstreamSignInEnded('forensic');
    }
    this.slid(slot.key, credentials);
    return response;
  }

  private send(request: UpstreamRequest, access: string): Promise<UpstreamResponse> {
    return this.client.request({ ...request, headers: { ...request.headers, [OZ_TOKEN_HEADER]: access } });
  }

  /** Refresh a little early, but never for most of a short lifetime (tests use 2-second sessions). */
  private expiresSoon(key: string, credentials: OzCredentials): boolean {
    if (credentials.expiresAt === null) return false;
    const slide = this.slides.get(key);
    const expiresAt = slide && slide.token === fingerprint(credentials.access) ? Math.max(slide.expiresAt, credentials.expiresAt) : credentials.expiresAt;
    const marginMs = Math.min(10_000, (credentials.lifetimeMs ?? 0) / 4);
    return expiresAt - marginMs <= this.now();
  }

  /** The token authenticated a request: Oz moved its expiry to now + lifetime. */
  private slid(key: string, credentials: OzCredentials): void {
    if (credentials.lifetimeMs === null) return;
    this.slides.delete(key);
    this.slides.set(key, { token: fingerprint(credentials.access), expiresAt: this.now() + credentials.lifetimeMs });
    // Bounded: the oldest entries (sessions gone quiet) go first; losing one only means an early refresh.
    if (this.slides.size > MAX_SLIDES) this.slides.delete(this.slides.keys().next().value!);
  }

  private async newerCredentials(slot: CredentialSlot<OzCredentials>, staleAccess: string): Promise<OzCredentials> {
    await this.refreshes.pending(slot.key)?.catch(() => undefined);
    const current = await slot.read();
    if (!current || current.access === staleAccess) {
      await this.signOut(slot);
      throw upstreamSignInEnded('forensic');
    }
    return current;
  }

  /** One refresh per account at a time; callers that arrive later reuse what it wrote back. */
  private async refreshShared(slot: CredentialSlot<OzCredentials>, staleAccess: string, requestId?: string): Promise<OzCredentials> {
    const credentials = await this.refreshes.run(slot.key, () => this.lock.around(slot.key, () => this.refresh(slot, staleAccess, requestId)));
    if (!credentials) throw upstreamSignInExpired('forensic');
    return credentials;
  }

  private async refresh(slot: CredentialSlot<OzCredentials>, staleAccess: string, requestId: string | undefined): Promise<OzCredentials | undefined> {
    const current = await slot.read();
    if (!current) return undefined;
    // Another request refreshed since this one read its token: use its result rather than refresh again.
    if (current.access !== staleAccess && !this.expiresSoon(slot.key, current)) return current;
    const response = await this.client.request({
      requestId,
      method: 'POST',
      path: PATHS.refresh,
      route: PATHS.refresh,
      headers: { [OZ_TOKEN_HEADER]: current.access },
      body: { expire_token: current.expire },
    });
    if (response.status === 200) {
      const refreshed = this.readSession(response);
      await slot.write(refreshed, refreshed.expiresAt);
      return refreshed;
    }
    // 400 (no expire_token), 401 (session not found), 403 (not this session's token): the pair is dead.
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      await this.signOut(slot);
      return undefined;
    }
    throw ozError(response);
  }

  private async signOut(slot: CredentialSlot<OzCredentials>): Promise<void> {
    this.slides.delete(slot.key);
    await slot.expire();
  }

  private readSession(response: UpstreamResponse): OzCredentials {
    const body = response.body;
    if (!isRecord(body) || typeof body.access_token !== 'string' || typeof body.expire_token !== 'string' || body.access_token === '' || body.expire_token === '') {
      throw upstreamError('forensic', 'sent a malformed session');
    }
    const now = this.now();
    const expiresAt = typeof body.expire_date === 'number' && Number.isFinite(body.expire_date) ? Math.round(body.expire_date * 1000) : null;
    const trusted = expiresAt !== null && expiresAt > now;
    return { access: body.access_token, expire: body.expire_token, expiresAt: trusted ? expiresAt : null, lifetimeMs: trusted ? expiresAt - now : null };
  }
}

// The slide table holds a fingerprint, not the token: it only needs to tell pairs apart.
const fingerprint = (token: string): string => createHash('sha256').update(token).digest('base64url').slice(0, 22);
