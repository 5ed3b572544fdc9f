import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';

const post = (stack: Stack, body: unknown) =>
  fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('errors raised before execution keep Apollo Server’s codes, with HTTP 400', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.hr.server.clearLog());

  it('a syntax error is GRAPHQL_PARSE_FAILED', async () => {
    const response = await stack.gql(`{ viewer { `);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 12 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
  });

  it('a document of 5,000 tokens runs; one of 5,001 is GRAPHQL_PARSE_FAILED and says why', async () => {
    // graphql-js counts 12 tokens around the spreads and 2 per spread (fragment spreads, because
    // thousands of repeated fields would trip its overlapping-fields guard in validation instead)
    const document = (spreads: number, extraField: boolean) => `{ viewer { ${extraField ? 'signedIn ' : ''}${'...F '.repeat(spreads)}} } fragment F on Viewer { signedIn }`;
    const atLimit = await stack.gql(document(2_494, false));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body).toEqual({ data: { viewer: { signedIn: false } } });

    const over = await stack.gql(document(2_494, true));
    expect(over.status).toBe(400);
    expect(over.body).toEqual({
      errors: [
        {
          message: 'Syntax Error: Document contains more than 5000 tokens (the limit). Parsing aborted.',
          locations: [{ line: 1, column: expect.any(Number) }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ],
    });
  });

  it('an unknown field is GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await stack.gql(`{ viewer { signedIn nope } }`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'Cannot query field "nope" on type "Viewer".', locations: [{ line: 1, column: 21 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
  });

  it('a request without a query is BAD_REQUEST', async () => {
    const response = await post(stack, { variables: {} });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('a body that is not JSON is BAD_REQUEST', async () => {
    const response = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: "Body is not valid JSON but content-type is set to 'application/json'", extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('an unknown persisted-query hash is PERSISTED_QUERY_NOT_FOUND, the signal for an Apollo client to send the query', async () => {
    const response = await post(stack, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    expect(stack.hr.server.requests).toEqual([]);
  });

  it('a malformed persisted query (another version, a hash that is not the query’s) is BAD_REQUEST, not the gateway’s fault', async () => {
    for (const [extensions, message] of [
      [{ persistedQuery: 'x' }, 'Unsupported persisted query version'],
      [{ persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } }, 'Unsupported persisted query version'],
      [{ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }, 'provided sha does not match query'],
    ] as const) {
      const response = await post(stack, { query: '{ __typename }', extensions });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    }
    expect(stack.logs.filter((line) => line.includes('masked as INTERNAL_SERVER_ERROR'))).toEqual([]);
  });
});

describe('variable coercion errors are one BAD_USER_INPUT with fieldErrors keyed by the input field', () => {
  let stack: Stack;
  let ana: string;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, rehive: false });
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.hr.server.clearLog();
    stack.forensic.server.clearLog();
  });

  it('a bad DateTime, a missing field and an unknown field of one input: every field at once, HTTP 400, no upstream call', async () => {
    const response = await stack.gql(
      `mutation M($input: LeaveRequestInput!) { createLeaveRequest(input: $input) { id } }`,
      { input: { start: 'soon', end: '2031-01-08T00:00:00Z', kind: 'VACATION' } },
      { token: ana },
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Invalid start: DateTime cannot represent an invalid date-time-string soon.',
          extensions: {
            code: 'BAD_USER_INPUT',
            fieldErrors: {
              start: ['DateTime cannot represent an invalid date-time-string soon.'],
              type: ['Field "type" of required type "LeaveType!" was not provided.'],
              kind: ['Field "kind" is not defined by type "LeaveRequestInput". Did you mean "end"?'],
            },
          },
        },
      ],
    });
    expect(stack.hr.server.requests).toEqual([]);
  });

  it('keys a value by its place in the argument, whatever the client named the variable', async () => {
    const status = await stack.gql(`query Q($wanted: LeaveStatus) { leaveRequests(status: $wanted) { totalCount } }`, { wanted: 'PENDNG' }, { token: ana });
    expect(status.status).toBe(400);
    expect(status.body.errors).toEqual([
      {
        message: 'Invalid status: Value "PENDNG" does not exist in "LeaveStatus" enum. Did you mean the enum value "PENDING"?',
        extensions: { code: 'BAD_USER_INPUT', fieldErrors: { status: ['Value "PENDNG" does not exist in "LeaveStatus" enum. Did you mean the enum value "PENDING"?'] } },
      },
    ]);

    const inLiteral = await stack.gql(
      `mutation M($from: DateTime!) { createLeaveRequest(input: { start: $from, end: "2031-01-08T00:00:00Z", type: VACATION }) { id } }`,
      { from: '2031-02-30T00:00:00Z' },
      { token: ana },
    );
    expect(inLiteral.body.errors).toEqual([
      {
        message: 'Invalid start: DateTime cannot represent an invalid date-time-string 2031-02-30T00:00:00Z.',
        extensions: { code: 'BAD_USER_INPUT', fieldErrors: { start: ['DateTime cannot represent an invalid date-time-string 2031-02-30T00:00:00Z.'] } },
      },
    ]);

    const missing = await stack.gql(`query Q($leave: ID!) { leaveRequest(id: $leave) { id } }`, {}, { token: ana });
    expect(missing.body.errors).toEqual([
      {
        message: 'Invalid id: Variable "$leave" of required type "ID!" was not provided.',
        extensions: { code: 'BAD_USER_INPUT', fieldErrors: { id: ['Variable "$leave" of required type "ID!" was not provided.'] } },
      },
    ]);
    expect(stack.hr.server.requests).toEqual([]);
  });

  it('dots the path of a nested input field', async () => {
    const response = await stack.gql(`mutation M($input: CreateForensicUserInput!) { createForensicUser(input: $input) { id } }`, {
      input: { companyId: 'c', email: 'svc@initech.example.com', password: 'a-long-password', firstName: 'a', lastName: 'b', role: 'CLIENT_SERVICE', analysisPermissions: { biometry: 'yes' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message: 'Invalid analysisPermissions.biometry: Boolean cannot represent a non boolean value: "yes"',
        extensions: { code: 'BAD_USER_INPUT', fieldErrors: { 'analysisPermissions.biometry': ['Boolean cannot represent a non boolean value: "yes"'] } },
      },
    ]);
    expect(stack.forensic.server.requests).toEqual([]);
  });
});
