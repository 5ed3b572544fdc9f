import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

const SIGN_IN = `mutation S($input: SignInInput!) {
  signIn(input: $input) { token expiresAt account { upstream login userId roles linkedAt mfaPending } mfaChallenge { id } }
}`;

describe('an employee signs in to and out of HR', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.hr.server.clearLog());

  it('signIn returns a session token and the linked account; the login is sent unchanged', async () => {
    const response = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'omar.haddad@example.com', password: DEMO_PASSWORD } });
    expect(response.body).toEqual({
      data: {
        signIn: {
          token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          expiresAt: expect.stringMatching(/Z$/),
          account: { upstream: 'HR', login: 'omar.haddad@example.com', userId: '4', roles: [], linkedAt: expect.stringMatching(/Z$/), mfaPending: false },
          mfaChallenge: null,
        },
      },
    });
    const [call] = stack.hr.server.requests;
    expect(call).toMatchObject({ method: 'POST', path: '/api/auth/token' });
    expect(JSON.parse(call!.body)).toEqual({ email: 'omar.haddad@example.com', password: DEMO_PASSWORD });
    expect(call!.headers.authorization).toBeUndefined();
  });

  it('accepts a user_id claim sent as a string (simplejwt ≥ 5.5.1)', async () => {
    const other = await startStack({ hr: { userIdAsString: true }, lenel: false, forensic: false, rehive: false });
    try {
      const response = await other.gql(SIGN_IN, { input: { upstream: 'HR', login: 'mei.chen@example.com', password: DEMO_PASSWORD } });
      expect(response.body.data).toMatchObject({ signIn: { account: { userId: '3' } } });
    } finally {
      await other.close();
    }
  });

  it('wrong credentials are UNAUTHENTICATED and the message does not say which part was wrong', async () => {
    const wrongPassword = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'ana.garcia@example.com', password: 'wrong-password' } });
    const unknownUser = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'nobody@example.com', password: DEMO_PASSWORD } });
    // stock Django matches the e-mail exactly: another case is another (unknown) login
    const otherCase = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'Ana.Garcia@example.com', password: DEMO_PASSWORD } });
    stack.hr.setUserActive(4, false);
    const inactive = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'omar.haddad@example.com', password: DEMO_PASSWORD } });
    stack.hr.setUserActive(4, true);
    for (const response of [wrongPassword, unknownUser, otherCase, inactive]) {
      expect(response.body).toEqual({
        data: null,
        errors: [{ message: 'The login or password is not correct.', locations: expect.any(Array), path: ['signIn'], extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' } }],
      });
    }
    expect(JSON.parse(stack.hr.server.requests[2]!.body)).toMatchObject({ email: 'Ana.Garcia@example.com' });
  });

  it('refuses an empty login, a blank password, a company and a session duration', async () => {
    const empty = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: '  ', password: 'x' } });
    expect(empty.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { login: ['must not be empty'] } } }]);
    const company = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'a@example.com', password: 'x', company: 'acme' } });
    expect(company.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { company: ['is only accepted for REHIVE'] } } }]);
    const duration = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'a@example.com', password: 'x', sessionDurationSeconds: 60 } });
    expect(codes(duration)).toEqual(['BAD_USER_INPUT']);
    expect(stack.hr.server.requests).toHaveLength(0);
    // a whitespace password reaches simplejwt, which answers 400 {"password":["This field may not be blank."]}
    const blank = await stack.gql(SIGN_IN, { input: { upstream: 'HR', login: 'ana.garcia@example.com', password: '   ' } });
    expect(blank.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', upstream: 'HR', fieldErrors: { password: ['This field may not be blank.'] } } }]);
  });

  it('signOut(upstream: HR) unlinks the account; the session stays', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    const out = await stack.gql(`mutation { signOut(upstream: HR) }`, {}, { token });
    expect(out.body).toEqual({ data: { signOut: true } });
    const viewer = await stack.gql(`{ viewer { signedIn accounts { upstream } hr { id } } }`, {}, { token });
    expect(viewer.body).toEqual({ data: { viewer: { signedIn: true, accounts: [], hr: null } } });
    const list = await stack.gql(`{ leaveRequests { totalCount } }`, {}, { token });
    expect(list.body.errors).toMatchObject([{ message: 'Sign in to hr first.', extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' } }]);
    const again = await stack.gql(`mutation { signOut(upstream: HR) }`, {}, { token });
    expect(again.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { upstream: ['is not linked'] } } }]);
  });

  it('signOut() ends the session: the token stops working', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    const out = await stack.gql(`mutation { signOut }`, {}, { token });
    expect(out.body).toEqual({ data: { signOut: true } });
    const viewer = await stack.gql(`{ viewer { signedIn accounts { upstream } } }`, {}, { token });
    expect(viewer.body).toEqual({ data: { viewer: { signedIn: false, accounts: [] } } });
    const list = await stack.gql(`{ leaveRequests { totalCount } }`, {}, { token });
    expect(list.body.errors).toMatchObject([{ message: 'The session token is unknown or has expired. Sign in again.', extensions: { code: 'UNAUTHENTICATED' } }]);
    const again = await stack.gql(`mutation { signOut }`, {}, { token });
    expect(codes(again)).toEqual(['UNAUTHENTICATED']);
  });
});
