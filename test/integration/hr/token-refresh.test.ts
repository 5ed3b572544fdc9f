import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const refreshBodies = (stack: Stack): string[] =>
  stack.hr.server.requests.filter((r) => r.method === 'POST' && r.path === '/api/auth/refresh').map((r) => (JSON.parse(r.body) as { refresh: string }).refresh);

describe('the gateway keeps an HR sign-in alive with 1-second access tokens and rotated refresh tokens', () => {
  let stack: Stack;
  let rotating: string;
  let concurrent: string;
  let dying: string;
  let deactivated: string;

  beforeAll(async () => {
    stack = await startStack({
      hr: { accessLifetimeSeconds: 1, rotateRefreshTokens: true },
      lenel: false,
      forensic: false,
      rehive: false,
    });
    rotating = await stack.signIn('HR', 'ana.garcia@example.com');
    concurrent = await stack.signIn('HR', 'john.doe@example.com');
    // a sign-in whose refresh token dies together with its access token
    stack.hr.jwt.refreshLifetimeSeconds = 1;
    dying = await stack.signIn('HR', 'mei.chen@example.com');
    stack.hr.jwt.refreshLifetimeSeconds = 86_400;
    deactivated = await stack.signIn('HR', 'omar.haddad@example.com');
    // every access token above is now expired
    stack.clock.advance(1_300);
  });
  afterAll(() => stack.close());

  it('refreshes an expired access token once, keeps the rotated refresh token, and the old one is dead', async () => {
    // Tokens minted from here on live 60 s of test-clock time: no request on a loaded machine lasts
    // long enough to need a second refresh, and the clock moves past them below.
    stack.hr.jwt.accessLifetimeSeconds = 60;
    stack.hr.server.clearLog();
    const first = await stack.gql(`{ viewer { hr { id } } leaveRequests(first: 1) { totalCount } }`, {}, { token: rotating });
    expect(first.body).toEqual({ data: { viewer: { hr: { id: globalId('HrUser', 1) } }, leaveRequests: { totalCount: 5 } } });
    const [oldRefresh] = refreshBodies(stack);
    expect(refreshBodies(stack)).toHaveLength(1);
    // refresh first, then the calls with the new access token: no 401 round trip
    expect(stack.hr.server.requests.map((r) => r.path)).toEqual(['/api/auth/refresh', expect.any(String), expect.any(String)]);

    // BLACKLIST_AFTER_ROTATION: the emulator now refuses the refresh token the gateway spent
    const replay = await fetch(`${stack.hr.url}/api/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh: oldRefresh }) });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });

    stack.clock.advance(61_000);
    stack.hr.jwt.accessLifetimeSeconds = 300;
    stack.hr.server.clearLog();
    const second = await stack.gql(`{ viewer { hr { id } } }`, {}, { token: rotating });
    expect(second.body).toEqual({ data: { viewer: { hr: { id: globalId('HrUser', 1) } } } });
    const [newRefresh] = refreshBodies(stack);
    expect(newRefresh).toBeDefined();
    expect(newRefresh).not.toBe(oldRefresh);
  });

  it('50 concurrent queries on an expired token share exactly one refresh', async () => {
    // the signed-in token expired in beforeAll; the refreshed one outlives the test
    stack.hr.jwt.accessLifetimeSeconds = 300;
    stack.hr.server.clearLog();
    const responses = await Promise.all(Array.from({ length: 50 }, () => stack.gql(`{ leaveRequests(first: 1) { totalCount } }`, {}, { token: concurrent })));
    for (const response of responses) expect(response.body).toEqual({ data: { leaveRequests: { totalCount: 5 } } });
    expect(stack.hr.server.count('POST', '/api/auth/refresh')).toBe(1);
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(50);
  });

  it('a dead refresh token is UNAUTHENTICATED for hr and signs the hr account out', async () => {
    stack.hr.server.clearLog();
    const response = await stack.gql(`{ viewer { signedIn hr { id } } }`, {}, { token: dying });
    expect(response.body).toEqual({
      data: { viewer: { signedIn: true, hr: null } },
      errors: [
        {
          message: 'Your hr sign-in has expired. Sign in again.',
          locations: expect.any(Array),
          path: ['viewer', 'hr'],
          extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' },
        },
      ],
    });
    expect(stack.hr.server.count('POST', '/api/auth/refresh')).toBe(1);
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(0);
    const after = await stack.gql(`{ viewer { signedIn accounts { upstream } } }`, {}, { token: dying });
    expect(after.body).toEqual({ data: { viewer: { signedIn: true, accounts: [] } } });
  });

  it('an account deactivated upstream is signed out after at most one refresh, never in a loop', async () => {
    stack.hr.setUserActive(4, false);
    stack.hr.server.clearLog();
    const response = await stack.gql(`{ leaveRequests { totalCount } }`, {}, { token: deactivated });
    expect(response.body.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' } }]);
    // simplejwt 5.2 refreshes the token of an inactive user; the new access token gets 401 user_inactive
    expect(stack.hr.server.count('POST', '/api/auth/refresh')).toBe(1);
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(1);
    stack.hr.setUserActive(4, true);
  });
});
