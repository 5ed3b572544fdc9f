import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { TestClock } from '../../helpers/clock.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';
import { callers } from './accounts.js';
import { globalId } from '../../helpers/ids.js';

const badge = (id: number) => globalId('Badge', id);
const employee = (id: number) => globalId('Employee', id);

const MY_EMPLOYEE = `{ viewer { hr { email employee { id fullName email badges { id status statusCode } } } } }`;
const ANA = {
  email: 'ana.garcia@example.com',
  employee: { id: employee(5), fullName: 'Ana García', email: 'Ana.Garcia@Example.com', badges: [{ id: badge(5), status: 'ACTIVE', statusCode: 1 }, { id: badge(37), status: 'INACTIVE', statusCode: 4 }] },
};
/** The demo service account `gatehouse-service` is the third demo lenel user. */
const SERVICE_USER_ID = 3;

describe('an HR user reads their own cardholder record through the employee link', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    // Cardholders for a forensic and a Rehive demo user, e-mails in another case.
    stack.lenel.addEmployee({ id: 101, first_name: 'Oz', last_name: 'Admin', email: 'ADMIN@oz.example.com' });
    stack.lenel.addEmployee({ id: 102, first_name: 'Rehive', last_name: 'Demo', email: 'Demo@Rehive.Example.com' });
    stack.lenel.addBadge({ id: 201, employee_id: 102, status: 4 });
  });
  afterAll(() => stack.close());

  it('reads their cardholder (e-mail in another case) and its badges with the service account', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    stack.lenel.server.clearLog();
    const response = await stack.gql(MY_EMPLOYEE, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { hr: ANA } } });
    expect(callers(stack, 'GET', '/api/employees/')).toEqual([SERVICE_USER_ID]);
    expect(callers(stack, 'GET', '/api/badges/')).toEqual([SERVICE_USER_ID]);
    // Under the link, a badge leads back to the same cardholder only.
    const back = await stack.gql(`{ viewer { hr { employee { badges(status: ACTIVE) { employee { id } } } } } }`, {}, { token });
    expect(back.body).toEqual({ data: { viewer: { hr: { employee: { badges: [{ employee: { id: employee(5) } }] } } } } });
    // The service account's password and tokens stay inside the gateway.
    const logs = stack.logs.join('\n');
    expect(logs).not.toContain(DEMO_PASSWORD);
    for (const request of stack.lenel.server.requests) {
      const header = request.headers.authorization;
      if (typeof header === 'string') expect(logs).not.toContain(header.slice('Bearer '.length));
    }
  });

  it('cannot reach the root lenel fields without its own lenel account', async () => {
    const token = await stack.signIn('HR', 'john.doe@example.com');
    stack.lenel.server.clearLog();
    for (const query of [`{ badges { totalCount } }`, `{ employees { totalCount } }`, `{ badge(id: "1") { id } }`, `{ employee(id: "5") { id } }`, `mutation { updateBadgeStatus(badgeId: "6", status: INACTIVE) { id } }`]) {
      const response = await stack.gql(query, {}, { token });
      expect(response.body.errors).toEqual([expect.objectContaining({ message: 'Sign in to lenel first.', extensions: { code: 'UNAUTHENTICATED', upstream: 'LENEL' } })]);
    }
    expect(stack.lenel.server.requests).toHaveLength(0);
  });

  it('gets null when no cardholder has their e-mail', async () => {
    const token = await stack.signIn('HR', 'omar.haddad@example.com');
    const response = await stack.gql(`{ viewer { hr { email employee { id } } } }`, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { hr: { email: 'omar.haddad@example.com', employee: null } } } });
  });

  it('links a Rehive user whose e-mail Rehive has verified', async () => {
    const rehive = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: 'gatehouse-demo' });
    const response = await stack.gql(`{ viewer { rehive { emailVerified employee { id fullName badges { id status } } } } }`, {}, { token: rehive });
    expect(response.body).toEqual({
      data: { viewer: { rehive: { emailVerified: true, employee: { id: employee(102), fullName: 'Rehive Demo', badges: [{ id: badge(201), status: 'INACTIVE' }] } } } },
    });
  });
  it("uses the caller's own lenel account when one is linked", async () => {
    const hr = await stack.signIn('HR', 'ana.garcia@example.com');
    const token = await stack.signIn('LENEL', 'viewer', { token: hr });
    stack.lenel.server.clearLog();
    const response = await stack.gql(MY_EMPLOYEE, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { hr: ANA } } });
    const viewerId = 2;
    expect(callers(stack, 'GET', '/api/employees/')).toEqual([viewerId]);
    expect(callers(stack, 'GET', '/api/badges/')).toEqual([viewerId]);
    expect(stack.lenel.server.count('POST', /^\/auth\//)).toBe(0);
  });
});

/**
 * Anyone can claim an e-mail address: a public Rehive registration, or a forensic user that any
 * company admin creates. The service account must not turn that claim into a colleague's cardholder
 * record (phone, employee number) and badges.
 */
describe('the service account links only e-mails their upstream vouches for', () => {
  let stack: Stack;
  const colleague = 'ana.garcia@example.com';
  const EMPLOYEE = `{ viewer { rehive { email emailVerified employee { id phone employeeNumber badges { badgeNumber } } } forensic { email employee { id phone badges { badgeNumber } } } } }`;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('gives null, without a lenel call, to a Rehive account registered with a colleague\'s e-mail', async () => {
    const registered = await stack.gql<{ register: { token: string } }>(`mutation R($input: RegisterInput!) { register(input: $input) { token } }`, {
      input: { email: colleague, password: 'Impostor-secret-1', company: 'gatehouse-demo' },
    });
    const token = registered.body.data!.register.token;
    stack.lenel.server.clearLog();
    const response = await stack.gql(EMPLOYEE, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { rehive: { email: colleague, emailVerified: false, employee: null }, forensic: null } } });
    expect(stack.lenel.server.requests).toHaveLength(0);
  });

  it('gives null, without a lenel call, to the founder of a company registered with a colleague\'s e-mail', async () => {
    const registered = await stack.gql<{ registerCompany: { token: string } }>(`mutation R($input: RegisterCompanyInput!) { registerCompany(input: $input) { token } }`, {
      input: { email: colleague, password: 'Impostor-secret-2', company: { id: 'impostors-inc', name: 'Impostors Inc' } },
    });
    const token = registered.body.data!.registerCompany.token;
    stack.lenel.server.clearLog();
    const response = await stack.gql(EMPLOYEE, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { rehive: { email: colleague, emailVerified: false, employee: null }, forensic: null } } });
    expect(stack.lenel.server.requests).toHaveLength(0);
  });

  it('gives null, without a lenel call, to a forensic user a company admin created with a colleague\'s e-mail', async () => {
    const admin = await stack.signIn('FORENSIC', 'company.admin@oz.example.com');
    const created = await stack.gql(
      `mutation C($input: CreateForensicUserInput!) { createForensicUser(input: $input) { id } }`,
      { input: { companyId: '3f6c1a2e-8b4d-4e9a-9c71-0a5d2b7e4f10', email: colleague, password: 'Impostor-secret-3', firstName: 'Ana', lastName: 'Garcia', role: 'CLIENT_OPERATOR' } },
      { token: admin },
    );
    expect(created.body.errors).toBeUndefined();
    const token = await stack.signIn('FORENSIC', colleague, { password: 'Impostor-secret-3' });
    stack.lenel.server.clearLog();
    const response = await stack.gql(EMPLOYEE, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { rehive: null, forensic: { email: colleague, employee: null } } } });
    expect(stack.lenel.server.requests).toHaveLength(0);
  });

  it('links the same forensic user once it has a lenel account of its own', async () => {
    const forensic = await stack.signIn('FORENSIC', colleague, { password: 'Impostor-secret-3' });
    const token = await stack.signIn('LENEL', 'viewer', { token: forensic });
    const response = await stack.gql(`{ viewer { forensic { employee { id } } } }`, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { forensic: { employee: { id: employee(5) } } } } });
  });
});

describe('EMPLOYEE_LINK_UPSTREAMS chooses whose users the service account links', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { EMPLOYEE_LINK_UPSTREAMS: 'FORENSIC, hr' } });
    stack.lenel.addEmployee({ id: 101, first_name: 'Oz', last_name: 'Admin', email: 'ADMIN@oz.example.com' });
    stack.lenel.addEmployee({ id: 102, first_name: 'Rehive', last_name: 'Demo', email: 'Demo@Rehive.Example.com' });
  });
  afterAll(() => stack.close());

  it('links forensic users when the operator trusts their e-mails, and no longer Rehive users', async () => {
    const forensic = await stack.signIn('FORENSIC', 'admin@oz.example.com');
    const token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: 'gatehouse-demo', token: forensic });
    const response = await stack.gql(`{ viewer { forensic { employee { id } } rehive { emailVerified employee { id } } } }`, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { forensic: { employee: { id: employee(101) } }, rehive: { emailVerified: true, employee: null } } } });
  });
});

describe('the service account token lifecycle', () => {
  let stack: Stack;
  const clock = new TestClock();
  /** How far the lenel backend's clock runs ahead of the gateway's. */
  let offsetMs = 0;
  beforeAll(async () => {
    // Access tokens live 3 s; the cache is off so that every request needs a token of its own.
    stack = await startStack({ clock, lenel: { accessLifetimeSeconds: 3, refreshLifetimeSeconds: 3_600, now: () => clock.now() + offsetMs }, env: { LENEL_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => stack.close());

  it('shares one refresh between concurrent requests when the access token has expired', async () => {
    const sessions = await Promise.all(['ana.garcia@example.com', 'john.doe@example.com', 'mei.chen@example.com'].map((email) => stack.signIn('HR', email)));
    expect(codes(await stack.gql(MY_EMPLOYEE, {}, { token: sessions[0] }))).toEqual([]);
    expect(stack.lenel.server.count('POST', '/auth/token/')).toBe(1);
    clock.advance(3_100);
    stack.lenel.server.clearLog();
    const responses = await Promise.all([...sessions, ...sessions].map((token) => stack.gql(MY_EMPLOYEE, {}, { token })));
    for (const response of responses) expect(response.body.errors).toBeUndefined();
    expect(responses[0]!.body).toEqual({ data: { viewer: { hr: ANA } } });
    expect(stack.lenel.server.count('POST', '/auth/token/refresh/')).toBe(1);
    expect(stack.lenel.server.count('POST', '/auth/token/')).toBe(0);
    expect(stack.lenel.server.count('GET', '/api/employees/')).toBe(6);
  });

  it('signs the service account in again when its refresh token has expired', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    expect(codes(await stack.gql(MY_EMPLOYEE, {}, { token }))).toEqual([]);
    offsetMs += 7_200_000;
    stack.lenel.server.clearLog();
    const response = await stack.gql(MY_EMPLOYEE, {}, { token });
    expect(response.body).toEqual({ data: { viewer: { hr: ANA } } });
    expect(stack.lenel.server.count('POST', '/auth/token/refresh/')).toBe(1);
    expect(stack.lenel.server.count('POST', '/auth/token/')).toBe(1);
  });
});

describe('a gateway without a lenel service account', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { LENEL_SERVICE_USERNAME: '', LENEL_SERVICE_PASSWORD: '' } });
  });
  afterAll(() => stack.close());

  it('reports UPSTREAM_UNAVAILABLE on the employee field only', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    stack.lenel.server.clearLog();
    const response = await stack.gql(`{ viewer { hr { fullName employee { id } } } }`, {}, { token });
    expect(response.body).toEqual({
      data: { viewer: { hr: { fullName: 'Ana García', employee: null } } },
      errors: [
        {
          message: 'The lenel service has no service account configured.',
          locations: [{ line: 1, column: 26 }],
          path: ['viewer', 'hr', 'employee'],
          extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'LENEL' },
        },
      ],
    });
    expect(stack.lenel.server.requests).toHaveLength(0);
  });
});

describe('a gateway whose lenel service account is refused', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { LENEL_SERVICE_USERNAME: 'gatehouse-service', LENEL_SERVICE_PASSWORD: 'not-the-password' } });
  });
  afterAll(() => stack.close());

  it("reports UPSTREAM_UNAVAILABLE on the employee field, not UNAUTHENTICATED: the caller's own sign-in is fine", async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    const response = await stack.gql(`{ viewer { hr { fullName employee { id } } } }`, {}, { token });
    expect(response.body).toEqual({
      data: { viewer: { hr: { fullName: 'Ana García', employee: null } } },
      errors: [expect.objectContaining({ message: "The lenel service rejected the gateway's service account.", extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'LENEL' } })],
    });
    expect(stack.logs.join('\n')).not.toContain('not-the-password');
  });
});
