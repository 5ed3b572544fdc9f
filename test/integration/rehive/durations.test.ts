import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';

const USER = 'demo@rehive.example.com';
const DEFAULT_SESSION_MS = 36_000_000;
const SIGN_IN = `mutation S($input: SignInInput!) { signIn(input: $input) { token } }`;
const REGISTER = `mutation R($input: RegisterInput!) { register(input: $input) { token } }`;
const REGISTER_COMPANY = `mutation R($input: RegisterCompanyInput!) { registerCompany(input: $input) { token } }`;

describe('Rehive session and token durations', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false });
    token = await stack.signIn('REHIVE', USER, { company: REHIVE_DEMO_COMPANY });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.rehive.server.clearLog());

  const sentBodies = (path: string) => stack.rehive.server.requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);
  /** The lifetime of the newest Rehive token of a user, in ms (null: never expires). */
  const newestLifetime = (login: string) => {
    const newest = stack.rehive.tokens(login).sort((a, b) => b.created - a.created)[0]!;
    return newest.expires === null ? null : newest.expires - newest.created;
  };

  it('signs in with a session duration of 0: Rehive gives its default session', async () => {
    const response = await stack.gql(SIGN_IN, { input: { upstream: 'REHIVE', login: USER, password: DEMO_PASSWORD, company: REHIVE_DEMO_COMPANY, sessionDurationSeconds: 0 } });
    expect(response.body.errors).toBeUndefined();
    expect(sentBodies('/3/auth/login/')).toEqual([{ user: USER, company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD, auth_method: 'token', session_duration: 0 }]);
    expect(newestLifetime(USER)).toBe(DEFAULT_SESSION_MS);
  });

  it('registers with a session duration of 0: Rehive gives its default session', async () => {
    const email = 'zero-duration@rehive.example.com';
    const response = await stack.gql(REGISTER, { input: { email, password: 'Sturdy-passphrase-77', company: REHIVE_DEMO_COMPANY, sessionDurationSeconds: 0 } });
    expect(response.body.errors).toBeUndefined();
    expect(sentBodies('/3/auth/register/')).toEqual([{ email, password: 'Sturdy-passphrase-77', company: REHIVE_DEMO_COMPANY, session_duration: 0 }]);
    expect(newestLifetime(email)).toBe(DEFAULT_SESSION_MS);
  });

  it('creates a token with a duration of 0: it never expires', async () => {
    const response = await stack.gql(`mutation { createAuthToken(password: "${DEMO_PASSWORD}", durationSeconds: 0) { expiresAt } }`, {}, { token });
    expect(response.body).toEqual({ data: { createAuthToken: { expiresAt: null } } });
    expect(sentBodies('/3/auth/tokens/')).toEqual([{ password: DEMO_PASSWORD, duration: 0 }]);
    expect(newestLifetime(USER)).toBeNull();
  });

  it('refuses negative durations before calling Rehive', async () => {
    const message = 'Ensure this value is greater than or equal to 0.';
    const signIn = await stack.gql(SIGN_IN, { input: { upstream: 'REHIVE', login: USER, password: DEMO_PASSWORD, company: REHIVE_DEMO_COMPANY, sessionDurationSeconds: -1 } });
    const register = await stack.gql(REGISTER, { input: { email: 'negative@rehive.example.com', password: 'Sturdy-passphrase-77', company: REHIVE_DEMO_COMPANY, sessionDurationSeconds: -1 } });
    const created = await stack.gql(`mutation { createAuthToken(password: "${DEMO_PASSWORD}", durationSeconds: -1) { id } }`, {}, { token });
    expect([signIn, register].map((r) => r.body.errors!.map((e) => e.extensions))).toEqual([
      [{ code: 'BAD_USER_INPUT', fieldErrors: { sessionDurationSeconds: [message] } }],
      [{ code: 'BAD_USER_INPUT', fieldErrors: { sessionDurationSeconds: [message] } }],
    ]);
    expect(created.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { durationSeconds: [message] } }]);
    expect(stack.rehive.server.requests).toHaveLength(0);
  });

  it('refuses a session duration at company registration, which Rehive does not take, before calling Rehive', async () => {
    const input = { email: 'founder@durations.example.com', password: 'Strong-secret-45', company: { id: 'durations', name: 'Durations' } };
    const refused = await stack.gql(REGISTER_COMPANY, { input: { ...input, sessionDurationSeconds: 60 } });
    expect(refused.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          extensions: { code: 'BAD_USER_INPUT', fieldErrors: { sessionDurationSeconds: ["Rehive's company registration takes no session duration: the session lasts Rehive's default (10 hours)."] } },
        }),
      ],
    });
    expect(stack.rehive.server.requests).toHaveLength(0);

    const registered = await stack.gql(REGISTER_COMPANY, { input });
    expect(registered.body.errors).toBeUndefined();
    expect(sentBodies('/3/auth/company/register/')).toEqual([{ ...input }]);
    expect(newestLifetime(input.email)).toBe(DEFAULT_SESSION_MS);
  });
});
