import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const PROFILE = `{ viewer { hr { id upstream email firstName lastName fullName preferredName gender birthDate } } }`;
const UPDATE_PROFILE = `mutation P($input: UpdateHrProfileInput!) { updateHrProfile(input: $input) { id firstName lastName fullName preferredName gender birthDate } }`;
const REQUEST_RESET = `mutation R($login: String!, $company: String) { requestPasswordReset(upstream: HR, login: $login, company: $company) }`;
const RESET = `mutation R($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
const CHANGE = `mutation C($input: ChangePasswordInput!) { changePassword(input: $input) }`;

describe('an employee reads and edits their HR profile', () => {
  let stack: Stack;
  let john: string;

  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
    john = await stack.signIn('HR', 'john.doe@example.com');
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.hr.server.clearLog());

  it('reads viewer.hr from GET /api/auth/me/', async () => {
    const response = await stack.gql(PROFILE, {}, { token: john });
    expect(response.body).toEqual({
      data: {
        viewer: {
          hr: {
            id: globalId('HrUser', 2),
            upstream: 'HR',
            email: 'john.doe@example.com',
            firstName: 'John',
            lastName: 'Doe',
            fullName: 'John Doe',
            preferredName: 'Johnny',
            gender: 'MALE',
            birthDate: '1990-05-17',
          },
        },
      },
    });
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(1);
  });

  it('viewer.hr is null without a session and without an hr account', async () => {
    const response = await stack.gql(`{ viewer { signedIn hr { id } } }`, {});
    expect(response.body).toEqual({ data: { viewer: { signedIn: false, hr: null } } });
    expect(stack.hr.server.requests).toHaveLength(0);
  });

  it('replaces the profile (a full update) and clears the optional fields with null', async () => {
    const response = await stack.gql(
      UPDATE_PROFILE,
      { input: { firstName: ' Jonathan ', lastName: 'Doe', preferredName: null, gender: null, birthDate: null } },
      { token: john },
    );
    expect(response.body).toEqual({
      data: { updateHrProfile: { id: globalId('HrUser', 2), firstName: 'Jonathan', lastName: 'Doe', fullName: 'Jonathan Doe', preferredName: null, gender: 'NOT_SPECIFIED', birthDate: null } },
    });
    const put = stack.hr.server.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/api/auth/me/');
    // The body the document shows (the GET object: id, email, gender, first_name, last_name, preferred_name,
    // birth_date), with the login e-mail sent back unchanged (not editable through the gateway).
    expect(JSON.parse(put.body)).toEqual({ id: 2, email: 'john.doe@example.com', gender: '', first_name: 'Jonathan', last_name: 'Doe', preferred_name: '', birth_date: null });

    const back = await stack.gql(UPDATE_PROFILE, { input: { firstName: 'John', lastName: 'Doe', preferredName: 'Johnny', gender: 'OTHER', birthDate: '1990-05-17' } }, { token: john });
    expect(back.body.data).toEqual({ updateHrProfile: { id: globalId('HrUser', 2), firstName: 'John', lastName: 'Doe', fullName: 'John Doe', preferredName: 'Johnny', gender: 'OTHER', birthDate: '1990-05-17' } });
  });

  it('refuses blank and over-long names before calling the upstream', async () => {
    const blank = await stack.gql(UPDATE_PROFILE, { input: { firstName: '  ', lastName: '' } }, { token: john });
    expect(blank.body.errors).toMatchObject([
      { extensions: { code: 'BAD_USER_INPUT', fieldErrors: { firstName: ['This field may not be blank.'], lastName: ['This field may not be blank.'] } } },
    ]);
    const long = await stack.gql(UPDATE_PROFILE, { input: { firstName: 'J', lastName: 'D', preferredName: 'x'.repeat(151) } }, { token: john });
    expect(long.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { preferredName: ['Ensure this field has no more than 150 characters.'] } } }]);
    const badGender = await stack.gql(UPDATE_PROFILE, { input: { firstName: 'J', lastName: 'D', gender: 'x' } }, { token: john });
    expect(codes(badGender)).toEqual(['BAD_USER_INPUT']);
    const badDate = await stack.gql(UPDATE_PROFILE, { input: { firstName: 'J', lastName: 'D', birthDate: '1990-02-30' } }, { token: john });
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(stack.hr.server.requests).toHaveLength(0);
  });

  it('maps the upstream birth_date error to birthDate', async () => {
    // Year 0 passes the Date scalar but not Django's DateField.
    const response = await stack.gql(UPDATE_PROFILE, { input: { firstName: 'John', lastName: 'Doe', birthDate: '0000-05-17' } }, { token: john });
    expect(response.body.errors).toMatchObject([
      {
        message: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.',
        extensions: { code: 'BAD_USER_INPUT', upstream: 'HR', fieldErrors: { birthDate: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'] } },
      },
    ]);
    expect(stack.hr.server.count('PUT', '/api/auth/me/')).toBe(1);
  });
});

describe('an employee resets and changes their HR password', () => {
  let stack: Stack;
  const MEI = 'mei.chen@example.com';

  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.hr.server.clearLog());

  it('requestPasswordReset is true for a known and an unknown e-mail; only the known one gets mail', async () => {
    const known = await stack.gql(REQUEST_RESET, { login: MEI });
    expect(known.body).toEqual({ data: { requestPasswordReset: true } });
    const unknown = await stack.gql(REQUEST_RESET, { login: 'nobody@example.com' });
    expect(unknown.body).toEqual({ data: { requestPasswordReset: true } });
    expect(stack.hr.outbox.messages.map((m) => m.to)).toEqual([MEI]);
    expect(stack.hr.server.count('POST', '/api/auth/forgot-password/')).toBe(2);
    // public endpoint: sent without any credentials
    expect(stack.hr.server.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('requestPasswordReset refuses a malformed e-mail (login) and a company', async () => {
    const malformed = await stack.gql(REQUEST_RESET, { login: 'not-an-email' });
    expect(malformed.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', upstream: 'HR', fieldErrors: { login: ['Enter a valid email address.'] } } }]);
    const company = await stack.gql(REQUEST_RESET, { login: MEI, company: 'acme' });
    expect(company.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { company: ['is only accepted for REHIVE'] } } }]);
  });

  it('resetPassword with the mailed token sets the password once; the gateway sends the confirmation', async () => {
    await stack.gql(REQUEST_RESET, { login: MEI });
    const token = stack.hr.outbox.latest(MEI, 'password_reset')!.data.reset_token!;
    const weak = await stack.gql(RESET, { input: { upstream: 'HR', token, newPassword: '1234567' } });
    expect(weak.body.errors).toMatchObject([
      {
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: { newPassword: ['This password is too short. It must contain at least 8 characters.', 'This password is too common.', 'This password is entirely numeric.'] },
        },
      },
    ]);
    const ok = await stack.gql(RESET, { input: { upstream: 'HR', token, newPassword: 'Reset-me-2030' } });
    expect(ok.body).toEqual({ data: { resetPassword: true } });
    const sent = stack.hr.server.requests.filter((r) => r.path === '/api/auth/reset-password/').at(-1)!;
    expect(JSON.parse(sent.body)).toEqual({ reset_token: token, password: 'Reset-me-2030', confirm_password: 'Reset-me-2030' });
    expect(stack.hr.findUserByEmail(MEI)?.password).toBe('Reset-me-2030');

    const reused = await stack.gql(RESET, { input: { upstream: 'HR', token, newPassword: 'Another-one-2030' } });
    expect(reused.body.errors).toMatchObject([{ message: 'Invalid or expired reset token.', extensions: { code: 'BAD_USER_INPUT', upstream: 'HR', fieldErrors: { token: ['Invalid or expired reset token.'] } } }]);
    const uid = await stack.gql(RESET, { input: { upstream: 'HR', token, uid: '1', newPassword: 'Another-one-2030' } });
    expect(uid.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { uid: ['is only accepted for REHIVE'] } } }]);
    stack.hr.setPassword(3, DEMO_PASSWORD);
  });

  it('changePassword needs the current password and validates the new one', async () => {
    const token = await stack.signIn('HR', MEI);
    const wrong = await stack.gql(CHANGE, { input: { upstream: 'HR', currentPassword: 'not-it', newPassword: 'Changed-2030-pw' } }, { token });
    expect(wrong.body.errors).toMatchObject([{ message: 'Wrong password.', extensions: { code: 'BAD_USER_INPUT', upstream: 'HR', fieldErrors: { currentPassword: ['Wrong password.'] } } }]);
    const short = await stack.gql(CHANGE, { input: { upstream: 'HR', currentPassword: DEMO_PASSWORD, newPassword: 'short' } }, { token });
    expect(short.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { newPassword: ['This password is too short. It must contain at least 8 characters.'] } } }]);
    const ok = await stack.gql(CHANGE, { input: { upstream: 'HR', currentPassword: DEMO_PASSWORD, newPassword: 'Changed-2030-pw' } }, { token });
    expect(ok.body).toEqual({ data: { changePassword: true } });
    const sent = stack.hr.server.requests.filter((r) => r.path === '/api/auth/change-password/').at(-1)!;
    expect(JSON.parse(sent.body)).toEqual({ current_password: DEMO_PASSWORD, new_password: 'Changed-2030-pw', confirm_new_password: 'Changed-2030-pw' });
    // the contract's decision: tokens issued before the change keep working
    const after = await stack.gql(`{ viewer { hr { id } } }`, {}, { token });
    expect(after.body).toEqual({ data: { viewer: { hr: { id: globalId('HrUser', 3) } } } });
    stack.hr.setPassword(3, DEMO_PASSWORD);
  });

  it('changePassword needs a session and a linked hr account', async () => {
    const anonymous = await stack.gql(CHANGE, { input: { upstream: 'HR', currentPassword: 'a', newPassword: 'Changed-2030-pw' } });
    expect(anonymous.body.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    const token = await stack.signIn('HR', MEI);
    await stack.gql(`mutation { signOut(upstream: HR) }`, {}, { token });
    const unlinked = await stack.gql(CHANGE, { input: { upstream: 'HR', currentPassword: 'a', newPassword: 'Changed-2030-pw' } }, { token });
    expect(unlinked.body.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' } }]);
    expect(stack.hr.server.count('POST', '/api/auth/change-password/')).toBe(0);
  });
});
