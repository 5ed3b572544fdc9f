import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';
import { callers } from './accounts.js';

const MY_EMPLOYEE = `{ viewer { hr { email employee { id fullName email badges { id status statusCode } } } } }`;
const ANA = {
  email: 'ana.garcia@example.com',
  employee: { id: '5', fullName: 'Ana García', email: 'Ana.Garcia@Example.com', badges: [{ id: '5', status: 'ACTIVE', statusCode: 1 }, { id: '37', status: 'INACTIVE', statusCode: 4 }] },
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
    expect(back.body).toEqual({ data: { viewer: { hr: { employee: { badges: [{ employee: { id: '5' } }] } } } } });
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

  it('works the same for forensic and Rehive users', async () => {
    const forensic = await stack.signIn('FORENSIC', 'admin@oz.example.com');
    const rehive = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: 'gatehouse-demo', token: forensic });
    const response = await stack.gql(`{ viewer { forensic { employee { id fullName badges { id status } } } rehive { employee { id fullName badges { id status } } } } }`, {}, { token: rehive });
    expect(response.body).toEqual({
      data: {
        viewer: {
          forensic: { employee: { id: '101', fullName: 'Oz Admin', badges: [] } },
          rehive: { employee: { id: '102', fullName: 'Rehive Demo', badges: [{ id: '201', status: 'INACTIVE' }] } },
        },
      },
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

describe('the service account token lifecycle', () => {
  let stack: Stack;
  let offsetMs = 0;
  beforeAll(async () => {
    // Access tokens live 3 s; the cache is off so that every request needs a token of its own.
    stack = await startStack({ lenel: { accessLifetimeSeconds: 3, refreshLifetimeSeconds: 3_600, now: () => Date.now() + offsetMs }, env: { LENEL_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => stack.close());

  it('shares one refresh between concurrent requests when the access token has expired', async () => {
    const sessions = await Promise.all(['ana.garcia@example.com', 'john.doe@example.com', 'mei.chen@example.com'].map((email) => stack.signIn('HR', email)));
    expect(codes(await stack.gql(MY_EMPLOYEE, {}, { token: sessions[0] }))).toEqual([]);
    expect(stack.lenel.server.count('POST', '/auth/token/')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
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
