import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }`;
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { token account { login } } }`;

describe('Rehive passwords and the end of an account', () => {
  let stack: Stack;
  const secrets: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const addUser = (email: string, password = DEMO_PASSWORD) => stack.rehive.addUser({ email, company: REHIVE_DEMO_COMPANY, password, verified: true });
  const signIn = (login: string, password: string) => stack.gql(SIGN_IN, { input: { upstream: 'REHIVE', login, password, company: REHIVE_DEMO_COMPANY } });

  it('resets a forgotten password with the uid and token from the e-mail', async () => {
    const email = 'forgetful@rehive.example.com';
    addUser(email);
    const requested = await stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "${email}", company: "${REHIVE_DEMO_COMPANY}") }`);
    expect(requested.body).toEqual({ data: { requestPasswordReset: true } });
    // No enumeration: an unknown login gets the same answer.
    const unknown = await stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "nobody@rehive.example.com", company: "${REHIVE_DEMO_COMPANY}") }`);
    expect(unknown.body).toEqual({ data: { requestPasswordReset: true } });

    const { uid, token } = stack.rehive.outbox.latest(email, 'password_reset')!.data as { uid: string; token: string };
    secrets.push(token);
    const newPassword = 'Brand-new-secret-42';
    secrets.push(newPassword);
    const wrong = await stack.gql(`mutation R($input: ResetPasswordInput!) { resetPassword(input: $input) }`, { input: { upstream: 'REHIVE', uid, token: 'not-the-token', newPassword } });
    expect(wrong.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { token: ['Invalid value'] } }]);
    const reset = await stack.gql(`mutation R($input: ResetPasswordInput!) { resetPassword(input: $input) }`, { input: { upstream: 'REHIVE', uid, token, newPassword } });
    expect(reset.body).toEqual({ data: { resetPassword: true } });

    expect(codes(await signIn(email, DEMO_PASSWORD))).toEqual(['UNAUTHENTICATED']);
    expect((await signIn(email, newPassword)).body.errors).toBeUndefined();
  });

  it('passes force on to a Rehive reset request (false when omitted) and refuses it for HR', async () => {
    const email = 'forced@rehive.example.com';
    addUser(email);
    stack.rehive.server.clearLog();
    const reset = (force: string) => stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "${email}", company: "${REHIVE_DEMO_COMPANY}"${force}) }`);
    expect((await reset(', force: true')).body).toEqual({ data: { requestPasswordReset: true } });
    expect((await reset('')).body).toEqual({ data: { requestPasswordReset: true } });
    const sent = stack.rehive.server.requests.filter((r) => r.path === '/3/auth/password/reset/').map((r) => JSON.parse(r.body) as unknown);
    expect(sent).toEqual([
      { user: email, company: REHIVE_DEMO_COMPANY, force: true },
      { user: email, company: REHIVE_DEMO_COMPANY, force: false },
    ]);
    expect(stack.rehive.outbox.messages.filter((m) => m.to === email && m.kind === 'password_reset')).toHaveLength(2);

    stack.hr.server.clearLog();
    const hr = await stack.gql(`mutation { requestPasswordReset(upstream: HR, login: "ana.garcia@example.com", force: true) }`);
    expect(hr.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { force: ['is only accepted for REHIVE'] } }]);
    expect(stack.hr.server.requests).toHaveLength(0);
  });

  it('asks for the uid of a Rehive reset before calling Rehive', async () => {
    stack.rehive.server.clearLog();
    const response = await stack.gql(`mutation { resetPassword(input: { upstream: REHIVE, token: "abc", newPassword: "Whatever-123" }) }`);
    expect(response.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { uid: ['is required for REHIVE'] } }]);
    expect(stack.rehive.server.requests).toHaveLength(0);
  });

  it('changes the password of the signed-in account', async () => {
    const email = 'changer@rehive.example.com';
    addUser(email);
    const token = await stack.signIn('REHIVE', email, { company: REHIVE_DEMO_COMPANY });
    const change = `mutation C($input: ChangePasswordInput!) { changePassword(input: $input) }`;
    const wrong = await stack.gql(change, { input: { upstream: 'REHIVE', currentPassword: 'not-it', newPassword: 'Another-secret-43' } }, { token });
    expect(wrong.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { currentPassword: ['Invalid password.'] } }]);
    const changed = await stack.gql(change, { input: { upstream: 'REHIVE', currentPassword: DEMO_PASSWORD, newPassword: 'Another-secret-43' } }, { token });
    expect(changed.body).toEqual({ data: { changePassword: true } });
    expect(codes(await signIn(email, DEMO_PASSWORD))).toEqual(['UNAUTHENTICATED']);
    // The session that changed the password keeps working.
    expect((await stack.gql(`{ viewer { rehive { email } } }`, {}, { token })).body).toEqual({ data: { viewer: { rehive: { email } } } });
  });

  it('deactivates an account with the e-mailed key: its session and sign-in stop working', async () => {
    const email = 'leaving@rehive.example.com';
    addUser(email);
    const token = await stack.signIn('REHIVE', email, { company: REHIVE_DEMO_COMPANY });
    const requested = await stack.gql(`mutation { requestAccountDeactivation(user: "${email}", company: "${REHIVE_DEMO_COMPANY}") }`);
    expect(requested.body).toEqual({ data: { requestAccountDeactivation: true } });
    const key = stack.rehive.outbox.latest(email, 'deactivation')!.data.key!;
    secrets.push(key);
    const bad = await stack.gql(`mutation { confirmAccountDeactivation(key: "wrong-key") }`);
    expect(bad.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { key: ['Invalid key.'] } }]);
    const confirmed = await stack.gql(`mutation K($key: String!) { confirmAccountDeactivation(key: $key) }`, { key });
    expect(confirmed.body).toEqual({ data: { confirmAccountDeactivation: true } });

    const field = await stack.gql(`{ viewer { rehive { email } } }`, {}, { token });
    expect(field.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', upstream: 'REHIVE' }]);
    expect(codes(await signIn(email, DEMO_PASSWORD))).toEqual(['UNAUTHENTICATED']);
  });

  it('requests deletion of an account with the e-mailed key: it stops working', async () => {
    const email = 'deleting@rehive.example.com';
    addUser(email);
    const token = await stack.signIn('REHIVE', email, { company: REHIVE_DEMO_COMPANY });
    await stack.gql(`mutation { requestAccountDeletion(user: "${email}", company: "${REHIVE_DEMO_COMPANY}") }`);
    const key = stack.rehive.outbox.latest(email, 'deletion')!.data.key!;
    secrets.push(key);
    const confirmed = await stack.gql(`mutation K($key: String!) { confirmAccountDeletion(key: $key) }`, { key });
    expect(confirmed.body).toEqual({ data: { confirmAccountDeletion: true } });
    expect(stack.rehive.user(email)!.deletionRequested).toBe(true);
    expect(codes(await stack.gql(`{ authTokens { id } }`, {}, { token }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(email, DEMO_PASSWORD))).toEqual(['UNAUTHENTICATED']);
  });

  it('verifies a mobile number with the OTP from the SMS', async () => {
    const mobile = '+15550109999';
    const registered = await stack.gql<{ register: { token: string } }>(REGISTER, { input: { mobile, username: 'texter', password: 'Mobile-secret-44', company: REHIVE_DEMO_COMPANY } });
    expect(registered.body.errors).toBeUndefined();
    const token = registered.body.data!.register.token;
    const resent = await stack.gql(`mutation { resendMobileVerification(mobile: "${mobile}", company: "${REHIVE_DEMO_COMPANY}") }`);
    expect(resent.body).toEqual({ data: { resendMobileVerification: true } });
    const otp = stack.rehive.outbox.latest(mobile, 'mobile_verification')!.data.otp!;
    const wrong = await stack.gql(`mutation { verifyMobile(otp: "x${otp}") }`, {}, { token });
    expect(wrong.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { otp: ['Invalid OTP.'] } }]);
    const verified = await stack.gql(`mutation O($otp: String!) { verifyMobile(otp: $otp) }`, { otp }, { token });
    expect(verified.body).toEqual({ data: { verifyMobile: true } });
    expect((await stack.gql(`{ viewer { rehive { username mobile mobileVerified } } }`, {}, { token })).body).toEqual({
      data: { viewer: { rehive: { username: 'texter', mobile, mobileVerified: true } } },
    });
  });

  it('adds an SMS authenticator with a delivered code, then deletes it', async () => {
    const email = 'texting@rehive.example.com';
    stack.rehive.addUser({ email, mobile: '+15550108888', company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD, verified: true });
    const token = await stack.signIn('REHIVE', email, { company: REHIVE_DEMO_COMPANY });
    const created = await stack.gql<{ createMfaAuthenticator: { id: string } }>(`mutation { createMfaAuthenticator(type: SMS) { id type mobile verified secret } }`, {}, { token });
    const { id } = created.body.data!.createMfaAuthenticator;
    expect(created.body.data!.createMfaAuthenticator).toEqual({ id, type: 'SMS', mobile: '+15550108888', verified: false, secret: null });
    const delivered = await stack.gql(`mutation D($id: ID!) { deliverMfaCode(authenticatorId: $id) }`, { id }, { token });
    expect(delivered.body).toEqual({ data: { deliverMfaCode: true } });
    const code = stack.rehive.outbox.latest('+15550108888', 'mfa_sms')!.data.code!;
    secrets.push(code);
    const verified = await stack.gql(`mutation V($id: ID!, $code: String!) { verifyMfaAuthenticator(id: $id, code: $code) { id verified } }`, { id, code }, { token });
    expect(verified.body).toEqual({ data: { verifyMfaAuthenticator: { id, verified: true } } });
    const deleted = await stack.gql(`mutation X($id: ID!) { deleteMfaAuthenticator(id: $id) }`, { id }, { token });
    expect(deleted.body).toEqual({ data: { deleteMfaAuthenticator: id } });
    const gone = await stack.gql(`query A($id: ID!) { mfaAuthenticator(id: $id) { id } mfaAuthenticators { id } }`, { id }, { token });
    expect(gone.body).toEqual({ data: { mfaAuthenticator: null, mfaAuthenticators: [] } });
  });

  it('registers a company whose first user is its admin', async () => {
    const response = await stack.gql<{ registerCompany: { account: { login: string; roles: string[] } } }>(
      `mutation R($input: RegisterCompanyInput!) { registerCompany(input: $input) { token account { upstream login roles } } }`,
      { input: { email: 'founder@acme.example.com', password: 'Strong-secret-45', company: { id: 'acme', name: 'Acme' } } },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.registerCompany.account).toEqual({ upstream: 'REHIVE', login: 'founder@acme.example.com', roles: ['admin'] });
    const again = await stack.gql(`mutation R($input: RegisterCompanyInput!) { registerCompany(input: $input) { token } }`, {
      input: { email: 'second@acme.example.com', password: 'Strong-secret-45', company: { id: 'acme' } },
    });
    expect(again.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { 'company.id': ['company with this id already exists.'] } }]);
  });

  it('reports a duplicate e-mail at registration as a field error', async () => {
    const response = await stack.gql(REGISTER, { input: { email: 'demo@rehive.example.com', password: 'Sturdy-passphrase-77', company: REHIVE_DEMO_COMPANY } });
    expect(response.body.errors!.map((e) => e.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { email: ['A user with that email already exists.'] } },
    ]);
  });

  it('writes no password, key or reset token to the log', () => {
    const all = stack.logs.join('\n');
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of [...secrets, DEMO_PASSWORD]) expect(all).not.toContain(secret);
  });
});

describe('Rehive input is validated before any upstream call', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: REHIVE_DEMO_COMPANY });
    stack.rehive.server.clearLog();
  });
  afterAll(() => stack.close());

  it('reports every invalid registration field at once', async () => {
    const response = await stack.gql(REGISTER, {
      input: { firstName: 'x'.repeat(51), email: 'not-an-email', nationality: 'XX', residency: 'us', groups: ['a', 'b'], password: 'p'.repeat(129), company: REHIVE_DEMO_COMPANY },
    });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: {
            firstName: ['Ensure this field has no more than 50 characters.'],
            email: ['Enter a valid email address.'],
            nationality: ['"XX" is not a valid ISO 3166 alpha-2 country code.'],
            residency: ['"us" is not a valid ISO 3166 alpha-2 country code.'],
            password: ['Ensure this field has no more than 128 characters.'],
            groups: ['Ensure this field has no more than 1 item.'],
          },
        },
      }),
    ]);
    expect(stack.rehive.server.requests).toHaveLength(0);
  });

  it('refuses an authenticator id that could leave its path', async () => {
    for (const id of ['../tokens', 'a/b', '%2F', 'x?y']) {
      const response = await stack.gql(`query A($id: ID!) { mfaAuthenticator(id: $id) { id } }`, { id }, { token });
      expect(response.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { id: ['may contain only letters, digits, "_" and "-"'] } }]);
    }
    const deleted = await stack.gql(`mutation { deleteMfaAuthenticator(id: "../tokens") }`, {}, { token });
    expect(codes(deleted)).toEqual(['BAD_USER_INPUT']);
    expect(stack.rehive.server.requests).toHaveLength(0);
  });

  it('refuses over-long codes, bad e-mails and a missing company', async () => {
    const otp = await stack.gql(`mutation { verifyMobile(otp: "${'1'.repeat(25)}") }`, {}, { token });
    expect(otp.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { otp: ['Ensure this field has no more than 24 characters.'] } });
    const email = await stack.gql(`mutation { resendEmailVerification(email: "nope", company: "${REHIVE_DEMO_COMPANY}") }`);
    expect(email.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { email: ['Enter a valid email address.'] } });
    const reset = await stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "demo@rehive.example.com") }`);
    expect(reset.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { company: ['is required for REHIVE'] } });
    expect(stack.rehive.server.requests).toHaveLength(0);
  });
});

describe('one request across HR and Rehive', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('reads the HR profile and the Rehive user of a session with both accounts linked', async () => {
    const hrToken = await stack.signIn('HR', 'ana.garcia@example.com');
    const token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: REHIVE_DEMO_COMPANY, token: hrToken });
    stack.rehive.server.clearLog();
    const response = await stack.gql(`{ viewer { accounts { upstream } hr { fullName } rehive { email fullName mfaAuthenticators { type } } } }`, {}, { token });
    expect(response.body).toEqual({
      data: {
        viewer: {
          accounts: [{ upstream: 'HR' }, { upstream: 'REHIVE' }],
          hr: { fullName: 'Ana García' },
          rehive: { email: 'demo@rehive.example.com', fullName: 'Demo User', mfaAuthenticators: [] },
        },
      },
    });
    expect(stack.rehive.server.count('GET', '/3/auth/')).toBe(1);
    expect(stack.rehive.server.count('GET', '/3/auth/mfa/authenticators/')).toBe(1);
    // The Rehive token went to Rehive only, as `Token …`.
    expect(stack.rehive.server.requests.every((r) => /^Token [A-Za-z0-9]{64}$/.test(String(r.headers.authorization)))).toBe(true);
  });
});

describe('a malformed reset request spends none of the message budget', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, env: { MESSAGE_LIMIT_PER_TARGET: '1' } });
  });
  afterAll(() => stack.close());

  it('refuses bad input before the budget is counted, then sends the one message the budget allows', async () => {
    const email = 'demo@rehive.example.com';
    for (const mutation of [
      `mutation { requestPasswordReset(upstream: REHIVE, login: "${email}") }`,
      `mutation { requestPasswordReset(upstream: REHIVE, login: "${email}", company: "${'x'.repeat(101)}") }`,
      `mutation { requestPasswordReset(upstream: HR, login: "${email}", company: "${REHIVE_DEMO_COMPANY}") }`,
      `mutation { requestPasswordReset(upstream: HR, login: "${email}", force: true) }`,
      `mutation { requestPasswordReset(upstream: LENEL, login: "${email}") }`,
    ]) {
      expect(codes(await stack.gql(mutation))).toEqual(['BAD_USER_INPUT']);
    }
    const sent = await stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "${email}", company: "${REHIVE_DEMO_COMPANY}") }`);
    expect(sent.body).toEqual({ data: { requestPasswordReset: true } });
    expect(codes(await stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "${email}", company: "${REHIVE_DEMO_COMPANY}") }`))).toEqual(['RATE_LIMITED']);
  });
});
