import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type GraphQLResponse, type Stack } from '../../helpers/stack.js';

const BAD_IDS = ['../auth/me', '..', '.', '/', '%2F', '1%2F..', '1/..', '?', '1?x=1', '#', '1#', '', ' 1', '-1', '0', '1.0', '0x1', '１', '99999999999999999999', '9223372036854775808'];

describe('the gateway refuses hostile input before it reaches HR', () => {
  let stack: Stack;
  let ana: string;
  const responses: GraphQLResponse[] = [];
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await stack.gql(query, variables, { token });
    responses.push(response);
    return response;
  };

  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.hr.server.clearLog());

  it('path-like ids are BAD_USER_INPUT on every id argument, with no upstream request', async () => {
    const input = { start: '2030-01-07T00:00:00Z', end: '2030-01-08T00:00:00Z', type: 'VACATION' };
    for (const id of BAD_IDS) {
      for (const [query, variables] of [
        [`query Q($id: ID!) { leaveRequest(id: $id) { id } }`, { id }],
        [`mutation M($id: ID!, $input: LeaveRequestInput!) { updateLeaveRequest(id: $id, input: $input) { id } }`, { id, input }],
        [`mutation M($id: ID!) { cancelLeaveRequest(id: $id) { id } }`, { id }],
        [`mutation M($id: ID!) { deleteLeaveRequest(id: $id) }`, { id }],
      ] as const) {
        const response = await gql(query, variables, ana);
        expect(response.body.errors, `${id} in ${query}`).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { id: [expect.any(String)] } } }]);
      }
    }
    expect(stack.hr.server.requests).toEqual([]);
  });

  it('sign-in brute force: the 11th failure in a row for one login from one client is RATE_LIMITED with retryAfterSeconds', async () => {
    const attempt = () => gql(`mutation { signIn(input: { upstream: HR, login: "mei.chen@example.com", password: "guess" }) { token } }`);
    for (let i = 0; i < 10; i++) expect(codes(await attempt())).toEqual(['UNAUTHENTICATED']);
    const eleventh = await attempt();
    expect(eleventh.body.errors).toMatchObject([{ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }]);
    expect(eleventh.body.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(stack.hr.server.count('POST', '/api/auth/token')).toBe(10);
    // the right password does not get through either from this client while the pair is blocked
    const right = await gql(`mutation { signIn(input: { upstream: HR, login: "mei.chen@example.com", password: "${DEMO_PASSWORD}" }) { token } }`);
    expect(codes(right)).toEqual(['RATE_LIMITED']);
  });

  it('aliased signIn fields in one request: right passwords are no guesses, wrong ones stop at the first', async () => {
    // correct passwords, so every alias runs and none is refused: only failures count
    const fields = Array.from({ length: 11 }, (_, i) => `a${i}: signIn(input: { upstream: HR, login: "john.doe@example.com", password: "${DEMO_PASSWORD}" }) { token }`);
    const response = await gql(`mutation { ${fields.join(' ')} }`);
    expect(response.body.errors).toBeUndefined();
    expect(Object.keys(response.body.data!)).toHaveLength(11);
    expect(stack.hr.server.count('POST', '/api/auth/token')).toBe(11);

    // wrong passwords: the first failure stops the serial mutation, so a request spends one guess at most
    stack.hr.server.clearLog();
    const guesses = Array.from({ length: 11 }, (_, i) => `g${i}: signIn(input: { upstream: HR, login: "omar.haddad@example.com", password: "guess${i}" }) { token }`);
    const guessed = await gql(`mutation { ${guesses.join(' ')} }`);
    expect(guessed.body.errors).toMatchObject([{ path: ['g0'], extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(stack.hr.server.count('POST', '/api/auth/token')).toBe(1);
  });

  it('an unknown session token is UNAUTHENTICATED', async () => {
    const response = await gql(`{ leaveRequests { totalCount } }`, {}, 'A'.repeat(43));
    expect(response.body.errors).toMatchObject([{ message: 'The session token is unknown or has expired. Sign in again.', extensions: { code: 'UNAUTHENTICATED' } }]);
    const viewer = await gql(`{ viewer { signedIn } }`, {}, 'A'.repeat(43));
    expect(viewer.body).toEqual({ data: { viewer: { signedIn: false } } });
    expect(stack.hr.server.requests).toEqual([]);
  });

  it('rejects a depth bomb and an alias bomb as GRAPHQL_VALIDATION_FAILED without executing', async () => {
    let nested = 'id';
    for (let i = 0; i < 8; i++) nested = `leaveRequests { edges { node { owner { ${nested} } } } }`;
    const deep = await gql(`{ viewer { hr { ${nested} } } }`, {}, ana);
    expect(deep.status).toBe(400);
    expect(codes(deep)).toContain('GRAPHQL_VALIDATION_FAILED');
    const aliases = Array.from({ length: 40 }, (_, i) => `v${i}: viewer { signedIn }`).join(' ');
    const wide = await gql(`{ ${aliases} }`, {}, ana);
    expect(wide.status).toBe(400);
    expect(new Set(codes(wide))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(stack.hr.server.requests).toEqual([]);
  });

  it('a body over the limit is 413', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { signedIn } }', variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'Request body is too large.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('rejects a mutation over GET, a text/plain POST and a GET without a preflight header', async () => {
    const mutation = await fetch(`${stack.url}/graphql?query=${encodeURIComponent('mutation { signOut }')}`, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${ana}` } });
    expect(mutation.status).toBe(405);
    const plain = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${ana}` }, body: JSON.stringify({ query: 'mutation { signOut }' }) });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toContain('Cross-Site Request Forgery');
    const simpleGet = await fetch(`${stack.url}/graphql?query=${encodeURIComponent('{ viewer { signedIn } }')}`);
    expect(simpleGet.status).toBe(400);
    // the session survived all three
    const viewer = await gql(`{ viewer { signedIn } }`, {}, ana);
    expect(viewer.body).toEqual({ data: { viewer: { signedIn: true } } });
  });

  it('no response and no log line holds an upstream token, a password or the upstream URL', async () => {
    const tokens = new Set<string>();
    const signIn = await stack.gql(`mutation { signIn(input: { upstream: HR, login: "ana.garcia@example.com", password: "${DEMO_PASSWORD}" }) { token } }`);
    responses.push(signIn);
    await gql(`{ viewer { hr { id } } leaveRequests { totalCount } }`, {}, (signIn.body.data as { signIn: { token: string } }).signIn.token);
    for (const request of stack.hr.server.requests) if (typeof request.headers.authorization === 'string') tokens.add(request.headers.authorization.slice('Bearer '.length));
    expect(tokens.size).toBeGreaterThan(0);
    const text = [...responses.map((r) => r.text), ...stack.logs].join('\n');
    for (const secret of [...tokens, DEMO_PASSWORD, 'guess', new URL(stack.hr.url).host]) expect(text).not.toContain(secret);
  });
});

describe('in production the schema is not disclosed', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => stack.close());

  it('introspection is off', async () => {
    const response = await stack.gql(`{ __schema { queryType { name } } }`);
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.data).toBeUndefined();
  });

  it('a misspelt field gets no suggestion', async () => {
    const response = await stack.gql(`{ viewer { signedIm } leaveRequest { id } }`);
    expect(codes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.text).not.toMatch(/Did you mean/i);
    expect(response.text).not.toContain('signedIn');
  });

  it('a bad enum value in a variable gets no suggestion', async () => {
    const response = await stack.gql(`query Q($status: LeaveStatus) { leaveRequests(status: $status) { totalCount } }`, { status: 'PENDNG' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Invalid status: Value "PENDNG" does not exist in "LeaveStatus" enum.',
          extensions: { code: 'BAD_USER_INPUT', fieldErrors: { status: ['Value "PENDNG" does not exist in "LeaveStatus" enum.'] } },
        },
      ],
    });
    expect(response.text).not.toContain('PENDING');
  });
});

describe('outside production, Sandbox users get field suggestions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());

  it('a misspelt field gets a "Did you mean" hint', async () => {
    const response = await stack.gql(`{ viewer { signedIm } }`);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.errors![0]!.message).toMatch(/Did you mean "signedIn"\?/);
  });
});
