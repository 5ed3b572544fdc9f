import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET } from '../../../src/emulators/demo-logins.js';
import { globalId } from '../../helpers/ids.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

const SIGN_IN = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { token account { upstream login mfaPending } mfaChallenge { id authenticatorTypes expiresAt } }
}`;
const COMPLETE = `mutation Complete($challengeId: ID!, $code: String!) {
  completeMfaChallenge(challengeId: $challengeId, code: $code) { upstream login userId roles mfaPending }
}`;

interface SignInData {
  signIn: { token: string; account: { upstream: string; login: string; mfaPending: boolean }; mfaChallenge: { id: string; authenticatorTypes: string[]; expiresAt: string } | null };
}

async function signInRehive(stack: Stack, login: string, password = DEMO_PASSWORD, token?: string) {
  const response = await stack.gql<SignInData>(SIGN_IN, { input: { upstream: 'REHIVE', login, password, company: REHIVE_DEMO_COMPANY } }, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.signIn;
}

describe('a Rehive user registers, turns MFA on and signs in with it', () => {
  let stack: Stack;
  const email = 'newcomer@rehive.example.com';
  const password = 'Sturdy-passphrase-77';
  const secrets: string[] = [password];

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('registers, verifies the e-mail, adds a TOTP authenticator, and completes the next login challenge', async () => {
    const registered = await stack.gql<{ register: { token: string; account: Record<string, unknown>; mfaChallenge: null } }>(
      `mutation Register($input: RegisterInput!) {
        register(input: $input) { token account { upstream login roles mfaPending } mfaChallenge { id } }
      }`,
      { input: { email, password, company: REHIVE_DEMO_COMPANY, firstName: 'Nia', lastName: 'Okafor', nationality: 'NG', gender: 'FEMALE', termsAndConditions: true } },
    );
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data!.register).toMatchObject({ account: { upstream: 'REHIVE', login: email, roles: ['user'], mfaPending: false }, mfaChallenge: null });
    let token = registered.body.data!.register.token;
    expect(stack.rehive.user(email)).toMatchObject({ first_name: 'Nia', nationality: 'NG', gender: 'female' });

    const me = `{ viewer { rehive { email fullName emailVerified verified company { id upstream name } groups } } }`;
    expect((await stack.gql(me, {}, { token })).body.data).toEqual({
      viewer: { rehive: { email, fullName: 'Nia Okafor', emailVerified: false, verified: false, company: { id: globalId('Company', REHIVE_DEMO_COMPANY, 'rehive'), upstream: 'REHIVE', name: 'Gatehouse demo' }, groups: ['user'] } },
    });

    const key = stack.rehive.outbox.latest(email, 'email_verification')!.data.key!;
    secrets.push(key);
    const verified = await stack.gql(`mutation Verify($key: String!) { verifyEmail(key: $key) }`, { key });
    expect(verified.body).toEqual({ data: { verifyEmail: true } });
    expect((await stack.gql<{ viewer: { rehive: { emailVerified: boolean } } }>(me, {}, { token })).body.data!.viewer.rehive.emailVerified).toBe(true);

    const created = await stack.gql<{ createMfaAuthenticator: { id: string; secret: string; otpauthUrl: string } }>(
      `mutation { createMfaAuthenticator(type: TOTP) { id type verified secret otpauthUrl } }`,
      {},
      { token },
    );
    expect(created.body.errors).toBeUndefined();
    const { id, secret, otpauthUrl } = created.body.data!.createMfaAuthenticator;
    secrets.push(secret);
    expect(created.body.data!.createMfaAuthenticator).toMatchObject({ type: 'TOTP', verified: false });
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);

    // Reads never show the secret again.
    const listed = await stack.gql(`{ mfaAuthenticators { id verified secret otpauthUrl } }`, {}, { token });
    expect(listed.body.data).toEqual({ mfaAuthenticators: [{ id, verified: false, secret: null, otpauthUrl: null }] });

    const wrong = await stack.gql(`mutation V($id: ID!) { verifyMfaAuthenticator(id: $id, code: "12345") { id } }`, { id }, { token });
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    const code = authenticator.generate(secret);
    secrets.push(code);
    const verifiedAuthenticator = await stack.gql(
      `mutation V($id: ID!, $code: String!) { verifyMfaAuthenticator(id: $id, code: $code) { id type verified secret } }`,
      { id, code },
      { token },
    );
    expect(verifiedAuthenticator.body).toEqual({ data: { verifyMfaAuthenticator: { id, type: 'TOTP', verified: true, secret: null } } });

    // Signing out of Rehive calls its logout with this session's token.
    stack.rehive.server.clearLog();
    const signedOut = await stack.gql(`mutation { signOut(upstream: REHIVE) }`, {}, { token });
    expect(signedOut.body).toEqual({ data: { signOut: true } });
    expect(stack.rehive.server.count('POST', '/3/auth/logout/')).toBe(1);
    expect(stack.rehive.tokens(email)).toHaveLength(0);

    // The next login is challenged: no Rehive field works until it is solved.
    stack.rehive.server.clearLog();
    const challenged = await signInRehive(stack, email, password, token);
    token = challenged.token;
    expect(challenged.account).toEqual({ upstream: 'REHIVE', login: email, mfaPending: true });
    expect(challenged.mfaChallenge).toMatchObject({ authenticatorTypes: ['TOTP'] });
    const challengeId = challenged.mfaChallenge!.id;
    expect(stack.rehive.server.count('GET', '/3/auth/')).toBe(0);

    const blocked = await stack.gql(`{ viewer { accounts { upstream mfaPending } rehive { email } } }`, {}, { token });
    expect(blocked.body.data).toEqual({ viewer: { accounts: [{ upstream: 'REHIVE', mfaPending: true }], rehive: null } });
    expect(blocked.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'MFA_REQUIRED', upstream: 'REHIVE', challengeId }]);
    const tokens = await stack.gql(`{ authTokens { id } }`, {}, { token });
    expect(tokens.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'MFA_REQUIRED', upstream: 'REHIVE', challengeId }]);
    // Refused by the gateway: nothing reached Rehive.
    expect(stack.rehive.server.count('GET', /^\/3\/auth\/(tokens\/)?$/)).toBe(0);

    // Rehive serves the authenticator list to a pending token (so a client can say which app to open).
    const pendingList = await stack.gql(`{ mfaAuthenticators(verified: true) { id type } }`, {}, { token });
    expect(pendingList.body).toEqual({ data: { mfaAuthenticators: [{ id, type: 'TOTP' }] } });

    const bad = await stack.gql(COMPLETE, { challengeId, code: wrongCode(secret) }, { token });
    expect(bad.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { code: ['Invalid token.'] } } })]);

    const solved = await stack.gql(COMPLETE, { challengeId, code: authenticator.generate(secret) }, { token });
    expect(solved.body).toEqual({
      data: { completeMfaChallenge: { upstream: 'REHIVE', login: email, userId: stack.rehive.user(email)!.id, roles: ['user'], mfaPending: false } },
    });

    const after = await stack.gql(`{ viewer { accounts { mfaPending } rehive { email mfaAuthenticators { type verified } } } }`, {}, { token });
    expect(after.body).toEqual({ data: { viewer: { accounts: [{ mfaPending: false }], rehive: { email, mfaAuthenticators: [{ type: 'TOTP', verified: true }] } } } });
  });

  it('answers completeMfaChallenge without a pending challenge with BAD_USER_INPUT and no upstream call', async () => {
    const token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: REHIVE_DEMO_COMPANY });
    stack.rehive.server.clearLog();
    const response = await stack.gql(COMPLETE, { challengeId: 'abc', code: '123456' }, { token });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(stack.rehive.server.count('POST', '/3/auth/mfa/verify/')).toBe(0);
  });

  it('writes no password, Rehive token, TOTP secret, key or code to the log', () => {
    const rehiveTokens = [...stack.rehive.state.tokens.keys()];
    const all = stack.logs.join('\n');
    for (const secret of [...secrets, ...rehiveTokens, DEMO_PASSWORD]) expect(all).not.toContain(secret);
  });
});

describe('Rehive MFA challenges expire and resist guessing', () => {
  let stack: Stack;
  let offsetMs = 0;
  const clock = () => Date.now() + offsetMs;

  beforeAll(async () => {
    stack = await startStack({ rehive: { now: clock } });
  });
  afterAll(() => stack.close());

  it('signs the Rehive account out when its challenge expired before it was solved', async () => {
    const challenged = await signInRehive(stack, 'mfa@rehive.example.com');
    offsetMs = 11 * 60 * 1000;
    const code = authenticator.clone({ epoch: clock() }).generate(REHIVE_DEMO_TOTP_SECRET);
    const response = await stack.gql(COMPLETE, { challengeId: challenged.mfaChallenge!.id, code }, { token: challenged.token });
    expect(response.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', upstream: 'REHIVE' }]);
    const viewer = await stack.gql(`{ viewer { signedIn accounts { upstream } rehive { email } } }`, {}, { token: challenged.token });
    expect(viewer.body).toEqual({ data: { viewer: { signedIn: true, accounts: [], rehive: null } } });
    offsetMs = 0;
  });

  it('lets 20 completeMfaChallenge guesses from one client, aliased or not, reach Rehive only CODE_MAX_CONSECUTIVE_FAILURES times', async () => {
    stack.rehive.addUser({ email: 'guessed@rehive.example.com', company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD, verified: true, totpSecret: REHIVE_DEMO_TOTP_SECRET });
    const challenged = await signInRehive(stack, 'guessed@rehive.example.com');
    const variables = { id: challenged.mfaChallenge!.id };
    const wrong = wrongCode(REHIVE_DEMO_TOTP_SECRET);
    const guess = (count: number) =>
      stack.gql(
        `mutation Guess($id: ID!) { ${Array.from({ length: count }, (_, i) => `g${i}: completeMfaChallenge(challengeId: $id, code: "${wrong}") { mfaPending }`).join('\n')} }`,
        variables,
        { token: challenged.token },
      );
    stack.rehive.server.clearLog();

    // 20 aliases in one request: mutations run one by one, and the first wrong code (a non-null
    // field) ends the operation, so one request is one guess.
    const aliased = await guess(20);
    expect(aliased.body.data).toBeNull();
    expect(aliased.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['g0'], 'BAD_USER_INPUT']]);
    expect(stack.rehive.server.count('POST', '/3/auth/mfa/verify/')).toBe(1);

    // An attempt is reserved per field call before the upstream call: after CODE_MAX_CONSECUTIVE_FAILURES
    // (5) wrong guesses in a row at this user's challenge from this client, the rest never reach Rehive.
    const results = [];
    for (let i = 0; i < 19; i++) results.push(codes(await guess(1))[0]);
    expect(results).toEqual([...Array(4).fill('BAD_USER_INPUT'), ...Array(15).fill('RATE_LIMITED')]);
    expect(stack.rehive.server.count('POST', '/3/auth/mfa/verify/')).toBe(5);
    const limited = await guess(2);
    expect(limited.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });

    // The right code is refused too from this client until the block passes.
    const right = await stack.gql(COMPLETE, { challengeId: variables.id, code: authenticator.generate(REHIVE_DEMO_TOTP_SECRET) }, { token: challenged.token });
    expect(codes(right)).toEqual(['RATE_LIMITED']);
    expect(stack.rehive.server.count('POST', '/3/auth/mfa/verify/')).toBe(5);
  });

  it('maps Rehive throttling at login to RATE_LIMITED with retryAfterSeconds', async () => {
    stack.rehive.resetThrottles();
    const attempt = () =>
      stack.gql(SIGN_IN, { input: { upstream: 'REHIVE', login: 'demo@rehive.example.com', password: 'not-the-password', company: REHIVE_DEMO_COMPANY } });
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await attempt());
    expect(results.slice(0, 6).map((r) => r.body.errors![0]!.extensions)).toEqual(Array(6).fill({ code: 'UNAUTHENTICATED', upstream: 'REHIVE' }));
    expect(results[6]!.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', upstream: 'REHIVE', retryAfterSeconds: expect.any(Number) });
  });
});

/** A 6-digit code that is not valid in the current ±1 step window. */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((delta) => authenticator.clone({ epoch: Date.now() + delta }).generate(secret)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

describe('every form of Rehive MFA verification the document describes (verifyMfaCode)', () => {
  let stack: Stack;
  const VERIFY = `mutation V($code: String!, $challengeId: ID, $authenticatorId: ID) { verifyMfaCode(code: $code, challengeId: $challengeId, authenticatorId: $authenticatorId) }`;
  const verifyBodies = () => stack.rehive.server.requests.filter((r) => r.path === '/3/auth/mfa/verify/').map((r) => JSON.parse(r.body) as unknown);

  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false });
  });
  afterAll(() => stack.close());

  it('sends a code with a challenge and an authenticator, or alone, as given; Rehive refuses both forms and the challenge stays pending', async () => {
    const email = 'verify-forms@rehive.example.com';
    const totp = stack.rehive.addUser({ email, company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD, verified: true, totpSecret: REHIVE_DEMO_TOTP_SECRET });
    const [authenticatorRecord] = stack.rehive.authenticators(totp.id);
    const challenged = await signInRehive(stack, email);
    const challengeId = challenged.mfaChallenge!.id;
    const code = authenticator.generate(REHIVE_DEMO_TOTP_SECRET);
    stack.rehive.server.clearLog();

    const both = await stack.gql(VERIFY, { code, challengeId, authenticatorId: authenticatorRecord!.id }, { token: challenged.token });
    const bothMessage = 'Provide either a challenge or an authenticator, not both.';
    expect(both.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ message: bothMessage, extensions: { code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { challengeId: [bothMessage], authenticatorId: [bothMessage] } } })],
    });
    const alone = await stack.gql(VERIFY, { code }, { token: challenged.token });
    const aloneMessage = 'A challenge or an authenticator is required.';
    expect(alone.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ message: aloneMessage, extensions: { code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { challengeId: [aloneMessage], authenticatorId: [aloneMessage] } } })],
    });
    expect(verifyBodies()).toEqual([{ token: code, challenge: challengeId, authenticator: authenticatorRecord!.id }, { token: code }]);
    const pending = await stack.gql(`{ viewer { accounts { mfaPending } } }`, {}, { token: challenged.token });
    expect(pending.body).toEqual({ data: { viewer: { accounts: [{ mfaPending: true }] } } });

    // The code with the challenge alone solves it, as completeMfaChallenge would.
    const solved = await stack.gql(VERIFY, { code, challengeId }, { token: challenged.token });
    expect(solved.body).toEqual({ data: { verifyMfaCode: true } });
    const after = await stack.gql(`{ viewer { accounts { mfaPending roles } rehive { email } } }`, {}, { token: challenged.token });
    expect(after.body).toEqual({ data: { viewer: { accounts: [{ mfaPending: false, roles: ['user'] }], rehive: { email } } } });
  });

  it('verifies a new authenticator with a code and the authenticator', async () => {
    const token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: REHIVE_DEMO_COMPANY });
    const created = await stack.gql<{ createMfaAuthenticator: { id: string; secret: string } }>(`mutation { createMfaAuthenticator(type: TOTP) { id secret } }`, {}, { token });
    const { id, secret } = created.body.data!.createMfaAuthenticator;
    const verified = await stack.gql(`mutation V($code: String!, $id: ID!) { verifyMfaCode(code: $code, authenticatorId: $id) }`, { code: authenticator.generate(secret), id }, { token });
    expect(verified.body).toEqual({ data: { verifyMfaCode: true } });
    expect((await stack.gql(`query A($id: ID!) { mfaAuthenticator(id: $id) { id verified } }`, { id }, { token })).body).toEqual({ data: { mfaAuthenticator: { id, verified: true } } });
  });

  it('deliverMfaCode reports Rehive\u2019s refusal of both forms on the fields it concerns', async () => {
    const token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: REHIVE_DEMO_COMPANY });
    const message = 'A challenge or an authenticator is required.';
    const neither = await stack.gql(`mutation { deliverMfaCode }`, {}, { token });
    expect(neither.body.errors!.map((e) => [e.message, e.extensions])).toEqual([
      [message, { code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { challengeId: [message], authenticatorId: [message] } }],
    ]);
  });
});
