import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialSlot } from '../../src/datasources/core/credential-slot.js';
import { SimpleJwtAuth, type JwtCredentials } from '../../src/datasources/drf/simplejwt.js';
import { loadConfig } from '../../src/config.js';
import { UpstreamClient } from '../../src/datasources/core/http-client.js';
import { EmulatorServer } from '../../src/emulators/common/server.js';
import { SimpleJwt } from '../../src/emulators/common/simplejwt.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/metrics.js';

const T0 = Date.UTC(2026, 0, 1);
const USER = { id: 7, active: true };

/**
 * SimpleJwtAuth's timing against a real simplejwt-style server; both sides read the same fake clock
 * (`now`), so expiry is exact without sleeping.
 */
describe('SimpleJwtAuth timing with a fake clock', () => {
  let clock = T0;
  let garbageRefresh = false;
  const jwt = new SimpleJwt({ now: () => clock, accessLifetimeSeconds: 300 });
  const server = new EmulatorServer('jwt');
  server.route('POST', /^\/token$/, (req) => jwt.obtain(req, 'email', () => USER));
  server.route('POST', /^\/refresh$/, (req) => (garbageRefresh ? { status: 200, body: { access: 'not-a-jwt' } } : jwt.refresh(req)));
  server.route('GET', /^\/me$/, (req) => {
    const auth = jwt.authenticate(req, () => USER);
    return auth.ok ? { status: 200, body: { id: auth.userId } } : auth.response;
  });
  let client: UpstreamClient;
  let auth: SimpleJwtAuth;
  let stored: JwtCredentials | undefined;
  let expired = 0;
  const slot: CredentialSlot<JwtCredentials> = {
    key: 'session:hr',
    read: async () => stored,
    write: async (credentials) => {
      stored = credentials;
    },
    expire: async () => {
      expired++;
      stored = undefined;
      return undefined;
    },
  };
  const refreshes = () => server.count('POST', '/refresh');
  const me = () => auth.call(slot, { method: 'GET', path: '/me', route: '/me' });

  beforeAll(async () => {
    const url = await server.listen();
    const logger = createLogger('silent', new Writable({ write: (_c, _e, callback) => callback() }));
    client = new UpstreamClient('hr', url, loadConfig({}).http, logger, new Metrics());
    auth = new SimpleJwtAuth(client, { obtain: '/token', refresh: '/refresh' }, 'email', () => clock);
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });
  beforeEach(async () => {
    clock = T0;
    garbageRefresh = false;
    jwt.accessLifetimeSeconds = 300;
    jwt.rotateRefreshTokens = false;
    expired = 0;
    const { access, refresh, userId } = await auth.obtain('a@example.com', 'pw');
    expect(userId).toBe('7');
    stored = { access, refresh };
    server.clearLog();
  });

  it('uses the access token until 10 s before expiry, then refreshes before the call', async () => {
    clock = T0 + 289_000;
    expect((await me()).status).toBe(200);
    expect(refreshes()).toBe(0);
    const before = stored!.access;
    clock = T0 + 290_000;
    expect((await me()).status).toBe(200);
    expect(refreshes()).toBe(1);
    expect(stored!.access).not.toBe(before);
    // refresh first, then one call with the new token: no 401 round trip
    expect(server.requests.map((r) => r.path)).toEqual(['/me', '/refresh', '/me']);
    expect(server.requests[2]!.headers.authorization).toBe(`Bearer ${stored!.access}`);
  });

  it('with a 1-second lifetime refreshes only in the last quarter of it', async () => {
    jwt.accessLifetimeSeconds = 1;
    const { access, refresh } = await auth.obtain('a@example.com', 'pw');
    stored = { access, refresh };
    server.clearLog();
    clock = T0 + 700;
    await me();
    expect(refreshes()).toBe(0);
    clock = T0 + 800;
    await me();
    expect(refreshes()).toBe(1);
  });

  it('refreshes once on a 401 token_not_valid for a token that looked fresh, and retries', async () => {
    // the upstream's clock is ahead: it considers the token expired, the gateway does not
    const gatewayAuth = new SimpleJwtAuth(client, { obtain: '/token', refresh: '/refresh' }, 'email', () => T0);
    clock = T0 + 400_000;
    expect((await gatewayAuth.call(slot, { method: 'GET', path: '/me', route: '/me' })).status).toBe(200);
    expect(server.requests.map((r) => r.path)).toEqual(['/me', '/refresh', '/me']);
  });

  it('a refreshed token that is refused again: one more refresh at most, then the account is signed out (no loop)', async () => {
    garbageRefresh = true;
    clock = T0 + 295_000;
    await expect(me()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' } });
    // the early refresh, and the one on the 401: a refreshed token may legitimately expire before it
    // is used when lifetimes are very short, so the reactive refresh is kept
    expect(refreshes()).toBe(2);
    expect(server.count('GET', '/me')).toBe(2);
    expect(expired).toBe(1);
  });

  it('keeps the rotated refresh token', async () => {
    jwt.rotateRefreshTokens = true;
    const first = stored!.refresh;
    clock = T0 + 295_000;
    await me();
    expect(stored!.refresh).not.toBe(first);
    clock = T0 + 295_000 + 295_000;
    expect((await me()).status).toBe(200);
    expect(refreshes()).toBe(2);
  });

  it('concurrent calls with an expiring token share one refresh', async () => {
    jwt.rotateRefreshTokens = true;
    clock = T0 + 295_000;
    const results = await Promise.all(Array.from({ length: 20 }, () => me()));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(refreshes()).toBe(1);
  });

  it('a dead refresh token signs the account out with UNAUTHENTICATED', async () => {
    clock = T0 + 86_400_000 + 1;
    await expect(me()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' } });
    expect(expired).toBe(1);
    expect(refreshes()).toBe(1);
    expect(server.count('GET', '/me')).toBe(0);
  });

  it('an obtain path the upstream does not know (Django’s HTML 404) is UPSTREAM_ERROR, not a failed sign-in', async () => {
    const other = new SimpleJwtAuth(client, { obtain: '/nope', refresh: '/refresh' }, 'email');
    await expect(other.obtain('a@example.com', 'pw')).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_ERROR' } });
  });
});
