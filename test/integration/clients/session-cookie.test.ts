import { authenticator } from 'otplib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET } from '../../../src/emulators/demo-logins.js';
import { startStack, type GraphQLResponse, type Stack } from '../../helpers/stack.js';

const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token expiresAt mfaChallenge { id } } }`;
const VIEWER = `{ viewer { signedIn accounts { upstream login } } }`;
const ABSOLUTE_TTL = 43_200;

interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

/** The response's Set-Cookie headers, parsed (attribute names lower-cased). */
function setCookies(response: Pick<GraphQLResponse, 'headers'>): SetCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair, ...rest] = line.split(';').map((part) => part.trim());
    const separator = pair!.indexOf('=');
    const attributes = Object.fromEntries(
      rest.map((attribute) => {
        const at = attribute.indexOf('=');
        return at < 0 ? [attribute.toLowerCase(), true] : [attribute.slice(0, at).toLowerCase(), attribute.slice(at + 1)];
      }),
    );
    return { name: pair!.slice(0, separator), value: pair!.slice(separator + 1), attributes };
  });
}

/** The one Set-Cookie of a response, with its lifetime checked and taken out (it depends on the clock). */
function sessionCookie(response: Pick<GraphQLResponse, 'headers'>, lifetimeSeconds = ABSOLUTE_TTL): SetCookie {
  const cookies = setCookies(response);
  expect(cookies).toHaveLength(1);
  const { 'max-age': maxAge, expires, ...attributes } = cookies[0]!.attributes;
  // The absolute limit from the session's start: a few seconds of slack for a loaded machine.
  expect(Number(maxAge)).toBeGreaterThan(lifetimeSeconds - 10);
  expect(Number(maxAge)).toBeLessThanOrEqual(lifetimeSeconds);
  expect(Math.abs(Date.parse(String(expires)) - (Date.now() + Number(maxAge) * 1000))).toBeLessThan(10_000);
  return { ...cookies[0]!, attributes };
}

/** A request the way a browser at another host name sends it (fetch may not set Host). */
async function postAt(stack: Stack, host: string, body: { query: string; variables?: Record<string, unknown> }, headers: Record<string, string> = {}) {
  const response = await request(`${stack.url}/graphql`, { method: 'POST', headers: { host, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const setCookie = response.headers['set-cookie'] ?? [];
  const responseHeaders = new Headers();
  for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) responseHeaders.append('set-cookie', line);
  return { headers: responseHeaders, body: (await response.body.json()) as GraphQLResponse<{ signIn: { token: string } }>['body'] };
}

const LOCAL = { path: '/', httponly: true, samesite: 'Lax' };
const SECURE = { ...LOCAL, secure: true };

function signIn(stack: Stack, upstream: string, login: string, headers: Record<string, string> = {}) {
  return stack.gql<{ signIn: { token: string; expiresAt: string; mfaChallenge: { id: string } | null } }>(
    SIGN_IN,
    { input: { upstream, login, password: DEMO_PASSWORD, ...(upstream === 'REHIVE' ? { company: REHIVE_DEMO_COMPANY } : {}) } },
    { headers },
  );
}

describe('cookie sessions for browser apps (SESSION_COOKIE=true)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ forensic: false, env: { SESSION_COOKIE: 'true' } });
  });
  afterAll(() => stack.close());

  it('signIn sets the token in an HttpOnly, SameSite=Lax cookie for the session\'s lifetime (no Secure on plain-HTTP loopback)', async () => {
    const response = await signIn(stack, 'HR', 'ana.garcia@example.com');
    expect(response.body.errors).toBeUndefined();
    expect(sessionCookie(response)).toEqual({ name: 'gatehouse-session', value: response.body.data!.signIn.token, attributes: LOCAL });
  });

  it('a following request without Authorization is signed in by the cookie', async () => {
    const { token } = (await signIn(stack, 'HR', 'ana.garcia@example.com')).body.data!.signIn;
    const viewer = await stack.gql(VIEWER, {}, { headers: { cookie: `gatehouse-session=${token}` } });
    expect(viewer.body).toEqual({ data: { viewer: { signedIn: true, accounts: [{ upstream: 'HR', login: 'ana.garcia@example.com' }] } } });
    // Reading never writes the cookie: only token changes do.
    expect(setCookies(viewer)).toEqual([]);
  });

  it('linking a second account rotates the cookie: the old value stops working, the new one works', async () => {
    const first = (await signIn(stack, 'HR', 'ana.garcia@example.com')).body.data!.signIn.token;
    const linked = await signIn(stack, 'LENEL', 'operator', { cookie: `gatehouse-session=${first}` });
    const second = linked.body.data!.signIn.token;
    expect(second).not.toBe(first);
    expect(sessionCookie(linked)).toEqual({ name: 'gatehouse-session', value: second, attributes: LOCAL });
    expect((await stack.gql(VIEWER, {}, { headers: { cookie: `gatehouse-session=${second}` } })).body).toEqual({
      data: { viewer: { signedIn: true, accounts: [{ upstream: 'LENEL', login: 'operator' }, { upstream: 'HR', login: 'ana.garcia@example.com' }] } },
    });
    expect((await stack.gql(VIEWER, {}, { headers: { cookie: `gatehouse-session=${first}` } })).body).toEqual({ data: { viewer: { signedIn: false, accounts: [] } } });
  });

  it('signOut(upstream) keeps the cookie; signOut() clears it and ends the session', async () => {
    const first = (await signIn(stack, 'HR', 'ana.garcia@example.com')).body.data!.signIn.token;
    const token = (await signIn(stack, 'LENEL', 'operator', { cookie: `gatehouse-session=${first}` })).body.data!.signIn.token;
    const cookie = { cookie: `gatehouse-session=${token}` };

    const partly = await stack.gql(`mutation { signOut(upstream: LENEL) }`, {}, { headers: cookie });
    expect(partly.body).toEqual({ data: { signOut: true } });
    expect(setCookies(partly)).toEqual([]);

    const out = await stack.gql(`mutation { signOut }`, {}, { headers: cookie });
    expect(out.body).toEqual({ data: { signOut: true } });
    expect(setCookies(out)).toEqual([
      { name: 'gatehouse-session', value: '', attributes: { ...LOCAL, 'max-age': '0', expires: 'Thu, 01 Jan 1970 00:00:00 GMT' } },
    ]);
    expect((await stack.gql(VIEWER, {}, { headers: cookie })).body).toEqual({ data: { viewer: { signedIn: false, accounts: [] } } });
  });

  it('an unknown or expired cookie is an invalid token, and is left alone (another tab may have just rotated it)', async () => {
    const response = await stack.gql(`{ viewer { signedIn } leaveRequests(first: 1) { totalCount } }`, {}, { headers: { cookie: 'gatehouse-session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(response.body).toEqual({
      data: { viewer: { signedIn: false }, leaveRequests: null },
      errors: [{ message: 'The session token is unknown or has expired. Sign in again.', locations: [{ line: 1, column: 23 }], path: ['leaveRequests'], extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(setCookies(response)).toEqual([]);
    const malformed = await stack.gql(`{ leaveRequests(first: 1) { totalCount } }`, {}, { headers: { cookie: 'gatehouse-session=not a token' } });
    expect(malformed.body.errors?.[0]?.message).toBe('The session token is unknown or has expired. Sign in again.');
  });

  it('the Authorization header wins over the cookie when both are sent', async () => {
    const byCookie = (await signIn(stack, 'HR', 'ana.garcia@example.com')).body.data!.signIn.token;
    const byHeader = (await signIn(stack, 'LENEL', 'operator')).body.data!.signIn.token;
    const both = await stack.gql(VIEWER, {}, { token: byHeader, headers: { cookie: `gatehouse-session=${byCookie}` } });
    expect(both.body).toEqual({ data: { viewer: { signedIn: true, accounts: [{ upstream: 'LENEL', login: 'operator' }] } } });
    const badHeader = await stack.gql(`{ leaveRequests(first: 1) { totalCount } }`, {}, { headers: { authorization: 'Bearer expired-or-unknown-token', cookie: `gatehouse-session=${byCookie}` } });
    expect(badHeader.body.errors?.[0]?.message).toBe('The session token is unknown or has expired. Sign in again.');
  });

  it('keeps CSRF prevention on for cookie requests: a simple (form-like) POST is refused', async () => {
    const token = (await signIn(stack, 'HR', 'ana.garcia@example.com')).body.data!.signIn.token;
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: `gatehouse-session=${token}` },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
    expect((await stack.gql(VIEWER, {}, { headers: { cookie: `gatehouse-session=${token}` } })).body.data).toEqual({
      viewer: { signedIn: true, accounts: [{ upstream: 'HR', login: 'ana.garcia@example.com' }] },
    });
  });

  it('Rehive: signIn with a pending MFA challenge sets the cookie, completeMfaChallenge re-sends it', async () => {
    const response = await signIn(stack, 'REHIVE', 'mfa@rehive.example.com');
    const { token, mfaChallenge } = response.body.data!.signIn;
    expect(sessionCookie(response)).toEqual({ name: 'gatehouse-session', value: token, attributes: LOCAL });
    const completed = await stack.gql(
      `mutation Complete($challengeId: ID!, $code: String!) { completeMfaChallenge(challengeId: $challengeId, code: $code) { upstream mfaPending } }`,
      { challengeId: mfaChallenge!.id, code: authenticator.generate(REHIVE_DEMO_TOTP_SECRET) },
      { headers: { cookie: `gatehouse-session=${token}` } },
    );
    expect(completed.body).toEqual({ data: { completeMfaChallenge: { upstream: 'REHIVE', mfaPending: false } } });
    expect(sessionCookie(completed)).toEqual({ name: 'gatehouse-session', value: token, attributes: LOCAL });
  });

  it('Rehive: register sets the cookie', async () => {
    const response = await stack.gql<{ register: { token: string } }>(`mutation Register($input: RegisterInput!) { register(input: $input) { token } }`, {
      input: { email: 'cookie.jar@rehive.example.com', password: 'Sturdy-passphrase-77', company: REHIVE_DEMO_COMPANY, termsAndConditions: true },
    });
    expect(response.body.errors).toBeUndefined();
    expect(sessionCookie(response)).toEqual({ name: 'gatehouse-session', value: response.body.data!.register.token, attributes: LOCAL });
  });

  it('is Secure with the __Host- prefix when the browser reached the gateway at another host name', async () => {
    const input = { upstream: 'HR', login: 'ana.garcia@example.com', password: DEMO_PASSWORD };
    const response = await postAt(stack, 'gatehouse.example.com', { query: SIGN_IN, variables: { input } });
    const token = response.body.data!.signIn.token;
    expect(sessionCookie(response)).toEqual({ name: '__Host-gatehouse-session', value: token, attributes: SECURE });
    const viewer = { query: `{ viewer { signedIn } }` };
    expect((await postAt(stack, 'gatehouse.example.com', viewer, { cookie: `__Host-gatehouse-session=${token}` })).body).toEqual({ data: { viewer: { signedIn: true } } });
    // There, only the __Host- cookie counts: one planted without Secure by a plain-HTTP page is ignored.
    expect((await postAt(stack, 'gatehouse.example.com', viewer, { cookie: `gatehouse-session=${token}` })).body).toEqual({ data: { viewer: { signedIn: false } } });
  });

  it('ignores X-Forwarded-Proto unless TRUST_PROXY is on', async () => {
    const response = await signIn(stack, 'HR', 'ana.garcia@example.com', { 'x-forwarded-proto': 'https' });
    expect(sessionCookie(response).name).toBe('gatehouse-session');
  });
});

describe('cookie sessions behind a TLS proxy (TRUST_PROXY=true)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { SESSION_COOKIE: 'true', TRUST_PROXY: 'true' } });
  });
  afterAll(() => stack.close());

  it('takes the scheme from X-Forwarded-Proto: https gives a Secure cookie, even on a loopback host name', async () => {
    const response = await signIn(stack, 'HR', 'ana.garcia@example.com', { 'x-forwarded-proto': 'https' });
    expect(sessionCookie(response)).toEqual({ name: '__Host-gatehouse-session', value: response.body.data!.signIn.token, attributes: SECURE });
  });

  it('takes the host from X-Forwarded-Host: a public name gives a Secure cookie', async () => {
    const response = await signIn(stack, 'HR', 'ana.garcia@example.com', { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'gatehouse.example.com' });
    expect(sessionCookie(response).name).toBe('__Host-gatehouse-session');
  });
});

describe('cookie sessions in production', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { SESSION_COOKIE: 'true', NODE_ENV: 'production' } });
  });
  afterAll(() => stack.close());

  it('are always Secure, even on plain-HTTP loopback (a proxy may rewrite Host to 127.0.0.1)', async () => {
    const response = await signIn(stack, 'HR', 'ana.garcia@example.com');
    expect(sessionCookie(response)).toEqual({ name: '__Host-gatehouse-session', value: response.body.data!.signIn.token, attributes: SECURE });
  });
});

describe('without SESSION_COOKIE (the default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());

  it('sets no cookie and ignores one that is sent', async () => {
    const response = await signIn(stack, 'HR', 'ana.garcia@example.com');
    expect(setCookies(response)).toEqual([]);
    const { token } = response.body.data!.signIn;
    expect((await stack.gql(VIEWER, {}, { headers: { cookie: `gatehouse-session=${token}` } })).body).toEqual({ data: { viewer: { signedIn: false, accounts: [] } } });
    expect((await stack.gql(VIEWER, {}, { token })).body).toEqual({ data: { viewer: { signedIn: true, accounts: [{ upstream: 'HR', login: 'ana.garcia@example.com' }] } } });
  });
});
