import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

// The client IP comes from X-Forwarded-For (TRUST_PROXY), so one test plays several clients.
const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }`;

describe('sign-in guessing limits', () => {
  let stack: Stack;
  const signIn = (login: string, password: string, ip: string) => stack.gql(SIGN_IN, { input: { upstream: 'HR', login, password } }, from(ip));
  const tokenCalls = () => stack.hr.server.count('POST', '/api/auth/token');

  beforeAll(async () => {
    stack = await startStack({
      lenel: false,
      forensic: false,
      rehive: false,
      env: { TRUST_PROXY: 'true', SIGN_IN_MAX_CONSECUTIVE_FAILURES: '3', SIGN_IN_MAX_FAILURES_PER_IP: '10', SIGN_IN_MAX_FAILURES_PER_LOGIN: '6' },
    });
  });
  afterAll(() => stack.close());

  it('an attacker failing from one IP is blocked quickly there, and the owner still signs in from another', async () => {
    stack.hr.server.clearLog();
    for (let i = 0; i < 3; i++) expect(codes(await signIn('mei.chen@example.com', `guess-${i}`, '203.0.113.1'))).toEqual(['UNAUTHENTICATED']);
    const blocked = await signIn('mei.chen@example.com', 'guess-3', '203.0.113.1');
    expect(blocked.body).toEqual({
      data: null,
      errors: [{ message: 'Too many attempts. Try again in 3600 seconds.', locations: [{ line: 1, column: 41 }], path: ['signIn'], extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3600 } }],
    });
    // Even the right password is refused from the blocked pair, without reaching HR.
    expect(codes(await signIn('mei.chen@example.com', DEMO_PASSWORD, '203.0.113.1'))).toEqual(['RATE_LIMITED']);
    expect(tokenCalls()).toBe(3);

    const owner = await signIn('mei.chen@example.com', DEMO_PASSWORD, '198.51.100.7');
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data).toEqual({ signIn: { token: expect.any(String) } });
    expect(tokenCalls()).toBe(4);
  });

  it('a success starts the (login, IP) pair over', async () => {
    const attempts = [];
    for (const password of ['typo-1', 'typo-2', DEMO_PASSWORD, 'typo-3', 'typo-4', 'typo-5', 'typo-6']) attempts.push(codes(await signIn('john.doe@example.com', password, '203.0.113.2'))[0]);
    // Without the reset, the fourth failure in a row (typo-4) would already be refused.
    expect(attempts).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', undefined, 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
  });

  it('failures for one login spread over many IPs spend its budget, and then the owner is locked out too', async () => {
    stack.hr.server.clearLog();
    // Two failures from each of three IPs: no pair is blocked, but the login's budget (6) is spent.
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      for (let i = 0; i < 2; i++) expect(codes(await signIn('omar.haddad@example.com', `guess-${i}`, ip))).toEqual(['UNAUTHENTICATED']);
    }
    const owner = await signIn('omar.haddad@example.com', DEMO_PASSWORD, '198.51.100.8');
    expect(owner.body.errors).toMatchObject([{ path: ['signIn'], extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }]);
    expect(tokenCalls()).toBe(6);
  });

  it('one IP spraying one password over many logins is blocked after its budget', async () => {
    stack.hr.server.clearLog();
    const results = [];
    for (let i = 0; i < 12; i++) results.push(codes(await signIn(`user${i}@example.com`, 'Winter2026!', '203.0.113.3'))[0]);
    expect(results).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(tokenCalls()).toBe(10);
    // Another client is not affected.
    expect(codes(await signIn('user0@example.com', 'Winter2026!', '203.0.113.4'))).toEqual(['UNAUTHENTICATED']);
  });

  it('guesses sent side by side cannot pass the limit: each reserves its attempt before calling HR', async () => {
    stack.hr.server.clearLog();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn('parallel@example.com', `guess-${i}`, '203.0.113.5')));
    expect(results.map((result) => codes(result)[0]).sort()).toEqual([...Array(5).fill('RATE_LIMITED'), ...Array(3).fill('UNAUTHENTICATED')]);
    expect(tokenCalls()).toBe(3);
  });

  it('aliased signIn fields each count: wrong passwords stop at the first, right ones each succeed', async () => {
    stack.hr.server.clearLog();
    const guesses = Array.from({ length: 5 }, (_, i) => `g${i}: signIn(input: { upstream: HR, login: "aliased@example.com", password: "guess${i}" }) { token }`);
    const guessed = await stack.gql(`mutation { ${guesses.join(' ')} }`, {}, from('203.0.113.6'));
    expect(guessed.body.errors).toMatchObject([{ path: ['g0'], extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(tokenCalls()).toBe(1);
    // Right passwords are not guesses: none is refused, and each clears the pair.
    const fields = Array.from({ length: 12 }, (_, i) => `a${i}: signIn(input: { upstream: HR, login: "ana.garcia@example.com", password: "${DEMO_PASSWORD}" }) { token }`);
    const signedIn = await stack.gql(`mutation { ${fields.join(' ')} }`, {}, from('203.0.113.6'));
    expect(signedIn.body.errors).toBeUndefined();
    expect(tokenCalls()).toBe(13);
  });

  it('an upstream that gives no verdict gives the attempt back: an HR outage locks nobody out', async () => {
    // Four: more than the three failures in a row a pair may have, fewer than open HR's circuit (5).
    stack.hr.server.addFault({ method: 'POST', path: '/api/auth/token', sequence: [503, 503, 503, 503] });
    for (let i = 0; i < 4; i++) expect(codes(await signIn('ana.garcia@example.com', DEMO_PASSWORD, '203.0.113.7'))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(codes(await signIn('ana.garcia@example.com', DEMO_PASSWORD, '203.0.113.7'))).toEqual([]);
  });
});

describe('one-time code and reset token guessing limits', () => {
  let stack: Stack;
  const COMPLETE = `mutation Complete($challengeId: ID!, $code: String!) { completeMfaChallenge(challengeId: $challengeId, code: $code) { mfaPending } }`;
  const RESET = `mutation Reset($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
  const verifyCalls = () => stack.rehive.server.count('POST', '/3/auth/mfa/verify/');

  beforeAll(async () => {
    stack = await startStack({
      lenel: false,
      forensic: false,
      env: { TRUST_PROXY: 'true', CODE_MAX_CONSECUTIVE_FAILURES: '3', CODE_MAX_FAILURES_PER_IP: '6', CODE_MAX_FAILURES_PER_TARGET: '10' },
    });
  });
  afterAll(() => stack.close());

  const challenge = async (ip: string) => {
    const response = await stack.gql<{ signIn: { token: string; mfaChallenge: { id: string } } }>(
      `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token mfaChallenge { id } } }`,
      { input: { upstream: 'REHIVE', login: 'mfa@rehive.example.com', password: DEMO_PASSWORD, company: REHIVE_DEMO_COMPANY } },
      from(ip),
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.signIn;
  };
  const complete = (session: { token: string; mfaChallenge: { id: string } }, code: string, ip: string) =>
    stack.gql(COMPLETE, { challengeId: session.mfaChallenge.id, code }, { token: session.token, ...from(ip) });

  it('MFA codes: wrong codes from one IP block that IP for this user; the owner completes from another, and a success starts over', async () => {
    const attacker = await challenge('203.0.113.20');
    const owner = await challenge('198.51.100.20');
    stack.rehive.server.clearLog();
    const wrong = wrongCode(REHIVE_DEMO_TOTP_SECRET);
    for (let i = 0; i < 3; i++) expect(codes(await complete(attacker, wrong, '203.0.113.20'))).toEqual(['BAD_USER_INPUT']);
    const blocked = await complete(attacker, wrong, '203.0.113.20');
    expect(blocked.body.errors).toMatchObject([{ path: ['completeMfaChallenge'], extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3600 } }]);
    expect(verifyCalls()).toBe(3);

    // The owner, two typos and then the right code: not refused.
    expect(codes(await complete(owner, wrong, '198.51.100.20'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await complete(owner, wrong, '198.51.100.20'))).toEqual(['BAD_USER_INPUT']);
    const done = await complete(owner, authenticator.generate(REHIVE_DEMO_TOTP_SECRET), '198.51.100.20');
    expect(done.body).toEqual({ data: { completeMfaChallenge: { mfaPending: false } } });

    // The owner's success cleared their pair: three more failures in a row are allowed there.
    const again = await challenge('198.51.100.20');
    for (let i = 0; i < 3; i++) expect(codes(await complete(again, wrong, '198.51.100.20'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await complete(again, wrong, '198.51.100.20'))).toEqual(['RATE_LIMITED']);
  });

  it('reset tokens: one IP guessing many tokens is stopped by its budget; the owner resets with the mailed token from another', async () => {
    stack.hr.server.clearLog();
    const guesses = [];
    for (let i = 0; i < 8; i++) guesses.push(codes(await stack.gql(RESET, { input: { upstream: 'HR', token: `guessed-token-${i}`, newPassword: 'Taken-over-2030' } }, from('203.0.113.21')))[0]);
    expect(guesses).toEqual([...Array(6).fill('BAD_USER_INPUT'), 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(stack.hr.server.count('POST', '/api/auth/reset-password/')).toBe(6);

    await stack.gql(`mutation { requestPasswordReset(upstream: HR, login: "mei.chen@example.com") }`, {}, from('198.51.100.21'));
    const token = stack.hr.outbox.latest('mei.chen@example.com', 'password_reset')!.data.reset_token!;
    const reset = await stack.gql(RESET, { input: { upstream: 'HR', token, newPassword: 'Reset-me-2030' } }, from('198.51.100.21'));
    expect(reset.body).toEqual({ data: { resetPassword: true } });
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

describe('input refused before any upstream call is not a sign-in guess', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false, env: { SIGN_IN_MAX_CONSECUTIVE_FAILURES: '2' } });
  });
  afterAll(() => stack.close());

  it('over-long Rehive input and a negative session duration leave the attempt budget whole', async () => {
    const input = { upstream: 'REHIVE', login: 'demo@rehive.example.com', password: DEMO_PASSWORD, company: REHIVE_DEMO_COMPANY };
    for (const bad of [{ password: 'x'.repeat(129) }, { sessionDurationSeconds: -1 }, { company: 'c'.repeat(101) }]) {
      expect(codes(await stack.gql(SIGN_IN, { input: { ...input, ...bad } }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(stack.rehive.server.count('POST', '/3/auth/login/')).toBe(0);
    const signedIn = await stack.gql(SIGN_IN, { input });
    expect(signedIn.body).toEqual({ data: { signIn: { token: expect.any(String) } } });
  });
});
