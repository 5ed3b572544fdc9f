import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../../src/emulators/forensic/index.js';
import { codes, type Stack } from '../../helpers/stack.js';
import { ACME, ACME_ID, ADMIN, OPERATOR, VERSIONS, expectNoTokensInLogs, refreshCount, startForensicStack } from './helpers.js';

const READ = `{ company(id: "${ACME}") { id name } }`;
const ACME_DATA = { company: { id: ACME_ID, name: 'Acme Biometrics' } };

describe.each(VERSIONS)('the forensic sign-in over time (API %i)', (version) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startForensicStack(version);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.forensic.regularLifetimeSeconds = 900;
    stack.forensic.server.clearFaults();
  });

  /** Signs in and returns the session token and the Oz pair the gateway got. */
  async function signIn(login = ADMIN): Promise<{ token: string; pair: TokenRecord }> {
    const before = stack.forensic.tokens.length;
    const token = await stack.signIn('FORENSIC', login);
    const pair = stack.forensic.tokens.slice(before).find((t) => t.kind === 'session')!;
    return { token, pair };
  }
  const newest = (): TokenRecord => stack.forensic.tokens.filter((t) => t.kind === 'session').at(-1)!;

  it('stays signed in while in use: each request slides the expiry, so no refresh is needed', async () => {
    stack.forensic.regularLifetimeSeconds = 3;
    const { token, pair } = await signIn();
    stack.forensic.server.clearLog();
    for (let i = 0; i < 6; i++) {
      stack.clock.advance(500);
      const response = await stack.gql(READ, {}, { token });
      expect(response.body).toEqual({ data: ACME_DATA });
    }
    // 3 s of use on a 3-second session: Oz slid it, the gateway tracked the slide.
    expect(refreshCount(stack)).toBe(0);
    expect(stack.forensic.isValidToken(pair.accessToken)).toBe(true);
  });

  it('refreshes once with the expire_token after the session lapsed, and keeps the new pair (the old one retires)', async () => {
    stack.forensic.regularLifetimeSeconds = 1;
    const { token, pair } = await signIn();
    // Only the first pair is short-lived.
    stack.forensic.regularLifetimeSeconds = 900;
    stack.clock.advance(1_300);
    stack.forensic.server.clearLog();
    expect(stack.forensic.isValidToken(pair.accessToken)).toBe(false);

    expect((await stack.gql(READ, {}, { token })).body).toEqual({ data: ACME_DATA });
    // Refreshed before the call (the gateway knew the expiry): no failed call first.
    expect(stack.forensic.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/authorize/refresh/', `GET /api/companies/${ACME}/`]);
    const [refresh] = stack.forensic.server.requests;
    expect(refresh!.headers['x-forensic-access-token']).toBe(pair.accessToken);
    expect(JSON.parse(refresh!.body)).toEqual({ expire_token: pair.expireToken });
    const current = newest();
    expect(current).not.toBe(pair);
    expect(stack.forensic.tokenInfo(pair.accessToken)!.revoked).toBe(true);

    expect((await stack.gql(READ, {}, { token })).body).toEqual({ data: ACME_DATA });
    expect(refreshCount(stack)).toBe(1);
    expect(stack.forensic.server.requests.at(-1)!.headers['x-forensic-access-token']).toBe(current.accessToken);
  });

  it('refreshes once and retries when Oz answers AUTH EXPIRED (8) before the expiry the gateway knew', async () => {
    const { token, pair } = await signIn();
    stack.forensic.expireSession(pair.accessToken);
    stack.forensic.server.clearLog();
    expect((await stack.gql(READ, {}, { token })).body).toEqual({ data: ACME_DATA });
    expect(stack.forensic.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/companies/${ACME}/`,
      'POST /api/authorize/refresh/',
      `GET /api/companies/${ACME}/`,
    ]);
  });

  it('makes 30 concurrent requests on an expiring token share exactly one refresh', async () => {
    stack.forensic.regularLifetimeSeconds = 2;
    const { token } = await signIn();
    // Later pairs live long, so only the first one expires during the test.
    stack.forensic.regularLifetimeSeconds = 900;
    stack.clock.advance(1_700);
    stack.forensic.server.clearLog();
    const responses = await Promise.all(Array.from({ length: 30 }, () => stack.gql(READ, {}, { token })));
    for (const response of responses) expect(response.body).toEqual({ data: ACME_DATA });
    expect(refreshCount(stack)).toBe(1);
    expect(stack.forensic.server.count('GET', `/api/companies/${ACME}/`)).toBe(30);
  });

  it('makes 30 concurrent requests that all meet AUTH EXPIRED share exactly one refresh', async () => {
    const { token, pair } = await signIn();
    stack.forensic.expireSession(pair.accessToken);
    stack.forensic.server.clearLog();
    const responses = await Promise.all(Array.from({ length: 30 }, () => stack.gql(READ, {}, { token })));
    for (const response of responses) expect(response.body).toEqual({ data: ACME_DATA });
    expect(refreshCount(stack)).toBe(1);
  });

  it('signs the account out when the refresh fails (UNAUTHENTICATED, upstream FORENSIC)', async () => {
    stack.forensic.regularLifetimeSeconds = 1;
    const { token, pair } = await signIn();
    stack.clock.advance(1_300);
    // The pair is dead on the Oz side (e.g. the session was ended there): refresh answers 401.
    stack.forensic.revokeToken(pair.accessToken);
    stack.forensic.server.clearLog();
    const response = await stack.gql(READ, {}, { token });
    expect(response.body.data).toEqual({ company: null });
    expect(response.body.errors).toEqual([
      { message: 'Your forensic sign-in has expired. Sign in again.', locations: expect.any(Array), path: ['company'], extensions: { code: 'UNAUTHENTICATED', upstream: 'FORENSIC' } },
    ]);
    expect(refreshCount(stack)).toBe(1);
    // Signed out of forensic: the Gatehouse session is still valid, the account is gone, no further upstream call.
    const viewer = await stack.gql<{ viewer: { signedIn: boolean; accounts: unknown[] } }>(`{ viewer { signedIn accounts { upstream } forensic { id } } }`, {}, { token });
    expect(viewer.body.data).toEqual({ viewer: { signedIn: true, accounts: [], forensic: null } });
    const again = await stack.gql(READ, {}, { token });
    expect(codes(again)).toEqual(['UNAUTHENTICATED']);
    expect(again.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', upstream: 'FORENSIC' });
    expect(stack.forensic.server.requests).toHaveLength(1);
  });

  it('signs the account out without a refresh when Oz says the token is invalid (7)', async () => {
    const { token, pair } = await signIn(OPERATOR);
    stack.forensic.revokeToken(pair.accessToken);
    stack.forensic.server.clearLog();
    const response = await stack.gql(READ, {}, { token });
    expect(response.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', upstream: 'FORENSIC' });
    expect(refreshCount(stack)).toBe(0);
    expect(stack.forensic.server.requests).toHaveLength(1);
  });

  it('keeps a deactivated user out: the refresh is refused and the account is signed out', async () => {
    const login = 'lifecycle.user@oz.example.com';
    stack.forensic.addUser({ email: login, password: 'Gatehouse-demo-2026', role: 'CLIENT_ADMIN', companyId: ACME });
    const { token, pair } = await signIn(login);
    stack.forensic.setUserActive(login, false);
    stack.forensic.expireSession(pair.accessToken);
    const response = await stack.gql(READ, {}, { token });
    expect(response.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', upstream: 'FORENSIC' });
  });

  it('puts no access, expire or service token in any log line', () => {
    expectNoTokensInLogs(stack);
  });
});
