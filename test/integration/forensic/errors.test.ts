import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codes, type Stack } from '../../helpers/stack.js';
import { ACME, ACME_ID, ADMIN, COMPANY_ADMIN, OPERATOR, VERSIONS, bodiesOf, expectNoTokensInLogs, startForensicStack } from './helpers.js';

const CREATE_USER = `mutation ($input: CreateForensicUserInput!) { createForensicUser(input: $input) { id role } }`;
const GLOBEX = '8d2e7b14-5c3a-4f86-a0b9-6e1f3c9d2a57';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const newUser = (overrides: Record<string, unknown> = {}) => ({
  companyId: ACME,
  email: `user-${Math.random().toString(36).slice(2)}@acme.example.com`,
  password: 'a-long-password',
  firstName: 'Jane',
  lastName: 'Roe',
  role: 'CLIENT',
  ...overrides,
});

describe.each(VERSIONS)('forensic errors reach the client as Gatehouse codes (API %i)', (version) => {
  let stack: Stack;
  let admin: string;
  let companyAdmin: string;
  let operator: string;
  beforeAll(async () => {
    // No retries: each injected 5xx is one upstream call.
    stack = await startForensicStack(version, {}, { UPSTREAM_RETRIES: '0', CIRCUIT_MIN_CALLS: '100' });
    admin = await stack.signIn('FORENSIC', ADMIN);
    companyAdmin = await stack.signIn('FORENSIC', COMPANY_ADMIN);
    operator = await stack.signIn('FORENSIC', OPERATOR);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.forensic.server.clearLog();
    stack.forensic.server.clearFaults();
  });

  it('rejects wrong credentials at sign-in without saying which part was wrong', async () => {
    const response = await stack.gql(`mutation { signIn(input: { upstream: FORENSIC, login: "${ADMIN}", password: "wrong" }) { token } }`);
    expect(response.body.errors![0]).toMatchObject({ message: 'The login or password is not correct.', extensions: { code: 'UNAUTHENTICATED', upstream: 'FORENSIC' } });
    const unknown = await stack.gql(`mutation { signIn(input: { upstream: FORENSIC, login: "nobody@oz.example.com", password: "wrong" }) { token } }`);
    expect(unknown.body.errors![0]!.message).toBe('The login or password is not correct.');
  });

  it('maps INVALID VALUE (4) with details to BAD_USER_INPUT with GraphQL field names', async () => {
    const duplicate = await stack.gql(CREATE_USER, { input: newUser({ email: ADMIN }) }, { token: admin });
    expect(duplicate.body.errors).toEqual([
      {
        message: 'Invalid email: already exists',
        locations: expect.any(Array),
        path: ['createForensicUser'],
        extensions: { code: 'BAD_USER_INPUT', fieldErrors: { email: ['already exists'] }, upstream: 'FORENSIC' },
      },
    ]);
    const badEmail = await stack.gql(CREATE_USER, { input: newUser({ email: 'not-an-email' }) }, { token: admin });
    expect(badEmail.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { email: ['not a valid email address'] }, upstream: 'FORENSIC' });
    const noCompany = await stack.gql(CREATE_USER, { input: newUser({ companyId: UNKNOWN }) }, { token: admin });
    expect(noCompany.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { companyId: ['company does not exist'] }, upstream: 'FORENSIC' });
    // A password reason is never echoed: it could quote the password.
    const blank = await stack.gql(CREATE_USER, { input: newUser({ password: '' }) }, { token: admin });
    expect(blank.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { password: ['is not valid'] }, upstream: 'FORENSIC' });
    const notService = await stack.gql(`mutation { issueServiceToken(userId: "5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d703") { secret } }`, {}, { token: admin });
    expect(notService.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { userId: ['not a service user'] }, upstream: 'FORENSIC' });
    expect(notService.body.data).toBeNull();
  });

  it('refuses a role the configured version cannot express before any upstream call', async () => {
    const response = await stack.gql(CREATE_USER, { input: newUser({ role: 'CLIENT_OPERATOR' }) }, { token: admin });
    if (version === 6) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ createForensicUser: { id: expect.any(String), role: 'CLIENT_OPERATOR' } });
    } else {
      expect(response.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { role: ['CLIENT_OPERATOR is not available on this forensic backend (API 5)'] } });
      expect(stack.forensic.server.requests).toHaveLength(0);
    }
  });

  it('translates CLIENT_ADMIN both ways', async () => {
    const response = await stack.gql(CREATE_USER, { input: newUser({ role: 'CLIENT_ADMIN' }) }, { token: admin });
    expect(response.body.data).toEqual({ createForensicUser: { id: expect.any(String), role: 'CLIENT_ADMIN' } });
    const profile = bodiesOf(stack, 'POST', '/api/users/')[0]!.profile;
    expect(profile).toMatchObject(version === 6 ? { user_type: 'CLIENT_ADMIN' } : { user_type: 'CLIENT', is_admin: true, is_service: false });
  });

  it('maps AUTH FORBIDDEN (9) to FORBIDDEN: OPERATOR creating a user, CLIENT_ADMIN outside its company', async () => {
    const operatorCreate = await stack.gql(CREATE_USER, { input: newUser() }, { token: operator });
    expect(operatorCreate.body.errors).toEqual([
      { message: 'Your forensic role does not allow this.', locations: expect.any(Array), path: ['createForensicUser'], extensions: { code: 'FORBIDDEN', upstream: 'FORENSIC' } },
    ]);
    expect(stack.forensic.server.count('POST', '/api/users/')).toBe(1);
    const otherCompany = await stack.gql(CREATE_USER, { input: newUser({ companyId: GLOBEX }) }, { token: companyAdmin });
    expect(codes(otherCompany)).toEqual(['FORBIDDEN']);
    const operatorList = await stack.gql(`{ companies { totalCount } }`, {}, { token: operator });
    expect(codes(operatorList)).toEqual(['FORBIDDEN']);
  });

  it('denies createCompany up front to sessions whose forensic role is not ADMIN', async () => {
    for (const token of [companyAdmin, operator]) {
      const response = await stack.gql(`mutation { createCompany(name: "Nope") { id } }`, {}, { token });
      expect(response.body.errors).toEqual([
        { message: 'Only a forensic ADMIN can do this.', locations: expect.any(Array), path: ['createCompany'], extensions: { code: 'FORBIDDEN', upstream: 'FORENSIC' } },
      ]);
    }
    expect(stack.forensic.server.requests).toHaveLength(0);
    // Without a forensic account at all: UNAUTHENTICATED for forensic, not FORBIDDEN.
    const anonymous = await stack.gql(`mutation { createCompany(name: "Nope") { id } }`);
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });

  it('maps NOT EXIST (10) to null on nullable lookups and NOT_FOUND elsewhere', async () => {
    const response = await stack.gql(`{ company(id: "${UNKNOWN}") { id } forensicUser(id: "${UNKNOWN}") { id } }`, {}, { token: admin });
    expect(response.body).toEqual({ data: { company: null, forensicUser: null } });
    const token = await stack.gql(`mutation { issueServiceToken(userId: "${UNKNOWN}") { secret } }`, {}, { token: admin });
    expect(token.body.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', upstream: 'FORENSIC' });
  });

  it('rejects ids that are not UUIDs before any upstream call', async () => {
    const response = await stack.gql(
      `{ company(id: "not-a-uuid") { id } forensicUser(id: "../companies") { id } forensicUsers(companyId: "x/../y") { totalCount } }`,
      {},
      { token: admin },
    );
    expect(response.body.data).toEqual({ company: null, forensicUser: null, forensicUsers: null });
    expect(response.body.errors!.map((e) => [e.path, e.extensions])).toEqual([
      [['company'], { code: 'BAD_USER_INPUT', fieldErrors: { id: ['must be a UUID'] } }],
      [['forensicUser'], { code: 'BAD_USER_INPUT', fieldErrors: { id: ['must be a UUID'] } }],
      [['forensicUsers'], { code: 'BAD_USER_INPUT', fieldErrors: { companyId: ['must be a UUID'] } }],
    ]);
    const token = await stack.gql(`mutation { issueServiceToken(userId: "..%2F..%2Fusers") { secret } }`, {}, { token: admin });
    expect(codes(token)).toEqual(['BAD_USER_INPUT']);
    const user = await stack.gql(CREATE_USER, { input: newUser({ companyId: 'acme' }) }, { token: admin });
    expect(user.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { companyId: ['must be a UUID'] } });
    expect(stack.forensic.server.requests).toHaveLength(0);
  });

  it('maps 5xx and EXTERNAL SERVICE (11) answers to UPSTREAM_UNAVAILABLE on the failing field only', async () => {
    stack.forensic.server.addFault({ path: `/api/companies/${ACME}/`, sequence: [502, 500] });
    const response = await stack.gql(`{ a: company(id: "${ACME}") { id } viewer { signedIn } }`, {}, { token: admin });
    expect(response.body.data).toEqual({ a: null, viewer: { signedIn: true } });
    expect(response.body.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'FORENSIC' });
    const again = await stack.gql(`{ company(id: "${ACME}") { id } }`, {}, { token: admin });
    expect(codes(again)).toEqual(['UPSTREAM_UNAVAILABLE']);
    // The session survives an upstream outage.
    expect((await stack.gql(`{ company(id: "${ACME}") { id } }`, {}, { token: admin })).body).toEqual({ data: { company: { id: ACME_ID } } });
  });

  it('does not sign out on a refresh that meets an outage', async () => {
    const token = await stack.signIn('FORENSIC', ADMIN);
    const pair = stack.forensic.tokens.filter((t) => t.kind === 'session').at(-1)!;
    stack.forensic.expireSession(pair.accessToken);
    stack.forensic.server.addFault({ path: '/api/authorize/refresh/', sequence: [503] });
    const failed = await stack.gql(`{ company(id: "${ACME}") { id } }`, {}, { token });
    expect(codes(failed)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect((await stack.gql(`{ company(id: "${ACME}") { id } }`, {}, { token })).body).toEqual({ data: { company: { id: ACME_ID } } });
  });

  it('keeps tokens out of logs and errors', () => {
    expectNoTokensInLogs(stack);
  });
});
