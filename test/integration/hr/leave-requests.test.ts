import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { globalId, rawId } from '../../helpers/ids.js';
import { codes, startStack, type GraphQLResponse, type Stack } from '../../helpers/stack.js';

const ANA = 'ana.garcia@example.com';
const JOHN = 'john.doe@example.com';
const leave = (id: number) => globalId('LeaveRequest', id);

const LIST = `query List($status: LeaveStatus, $first: Int, $after: String) {
  leaveRequests(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id status } }
  }
}`;
const ONE = `query One($id: ID!) { leaveRequest(id: $id) { id start end description type status createdAt owner { id email } } }`;
const CREATE = `mutation Create($input: LeaveRequestInput!) { createLeaveRequest(input: $input) { id start end description type status createdAt } }`;
const UPDATE = `mutation Update($id: ID!, $input: LeaveRequestInput!) { updateLeaveRequest(id: $id, input: $input) { id start end description type status } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelLeaveRequest(id: $id) { id status } }`;
const DELETE = `mutation Delete($id: ID!) { deleteLeaveRequest(id: $id) }`;

type List = { leaveRequests: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: { id: string; status: string } }> } };

describe('an employee manages their leave requests', () => {
  let stack: Stack;
  let ana: string;
  let john: string;
  const responses: GraphQLResponse[] = [];
  const gql = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token: string) => {
    const response = await stack.gql<T>(query, variables, { token });
    responses.push(response as GraphQLResponse);
    return response;
  };

  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
    ana = await stack.signIn('HR', ANA);
    john = await stack.signIn('HR', JOHN);
  });
  afterAll(() => stack.close());
  // Upstream tokens the gateway sent, collected before each log reset for the leak check.
  const upstreamTokens = new Set<string>();
  const harvest = () => {
    for (const request of stack.hr.server.requests) {
      const auth = request.headers.authorization;
      if (typeof auth === 'string') upstreamTokens.add(auth.replace('Bearer ', ''));
    }
  };
  beforeEach(() => {
    harvest();
    stack.hr.server.clearLog();
    stack.hr.server.clearFaults();
  });

  it('lists every leave request newest start first, with the total', async () => {
    const response = await gql<List>(LIST, {}, ana);
    expect(response.body).toEqual({
      data: {
        leaveRequests: {
          totalCount: 5,
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: expect.any(String), endCursor: expect.any(String) },
          edges: [
            { cursor: expect.any(String), node: { id: leave(5), status: 'PENDING' } },
            { cursor: expect.any(String), node: { id: leave(4), status: 'CANCELLED' } },
            { cursor: expect.any(String), node: { id: leave(3), status: 'REJECTED' } },
            { cursor: expect.any(String), node: { id: leave(2), status: 'APPROVED' } },
            { cursor: expect.any(String), node: { id: leave(1), status: 'APPROVED' } },
          ],
        },
      },
    });
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(1);
  });

  it('filters by status and pages with first/after', async () => {
    const approved = await gql<List>(LIST, { status: 'APPROVED' }, ana);
    expect(approved.body.data!.leaveRequests.edges.map((e) => e.node.id)).toEqual([leave(2), leave(1)]);
    expect(approved.body.data!.leaveRequests.totalCount).toBe(2);

    const first = await gql<List>(LIST, { first: 2 }, ana);
    expect(first.body.data!.leaveRequests).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    expect(first.body.data!.leaveRequests.edges.map((e) => e.node.id)).toEqual([leave(5), leave(4)]);
    const second = await gql<List>(LIST, { first: 2, after: first.body.data!.leaveRequests.pageInfo.endCursor }, ana);
    expect(second.body.data!.leaveRequests.edges.map((e) => e.node.id)).toEqual([leave(3), leave(2)]);
    const last = await gql<List>(LIST, { first: 2, after: second.body.data!.leaveRequests.pageInfo.endCursor }, ana);
    expect(last.body.data!.leaveRequests).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: leave(1) } }] });
    // each request reads the list once; the cursor pages are cut by the gateway
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(4);
  });

  it('refuses first: 101 and a foreign cursor as BAD_USER_INPUT', async () => {
    const tooMany = await gql(LIST, { first: 101 }, ana);
    expect(tooMany.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { first: ['must be between 0 and 100'] } } }]);
    const negative = await gql(LIST, { first: -1 }, ana);
    expect(codes(negative)).toEqual(['BAD_USER_INPUT']);
    stack.hr.server.clearLog();
    const cursor = await gql(LIST, { after: 'bm90LWEtY3Vyc29y' }, ana);
    expect(cursor.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { after: ['is not a cursor of this list'] } } }]);
    // Refused before the list is read.
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(0);
  });

  it('reads one leave request with its owner; another employee’s is null', async () => {
    const response = await gql(ONE, { id: '6' }, john);
    expect(response.body).toEqual({
      data: {
        leaveRequest: {
          id: leave(6),
          start: '2019-12-02T10:00:00.000Z',
          end: '2019-12-03T19:00:00.000Z',
          description: 'Gotta chill.',
          type: 'VACATION',
          status: 'REJECTED',
          createdAt: '2019-11-20T08:00:00.000Z',
          owner: { id: globalId('HrUser', 2), email: JOHN },
        },
      },
    });
    expect(stack.hr.server.count('GET', '/api/leave-requests/6')).toBe(1);
    const foreign = await gql(ONE, { id: '6' }, ana);
    expect(foreign.body).toEqual({ data: { leaveRequest: null } });
    const missing = await gql(ONE, { id: '999' }, ana);
    expect(missing.body).toEqual({ data: { leaveRequest: null } });
  });

  it('creates a pending leave request and sends the contract body', async () => {
    const input = { start: '2030-01-07T09:00:00+02:00', end: '2030-01-08T17:00:00Z', type: 'SICK_LEAVE', description: 'Check-up.' };
    const response = await gql<{ createLeaveRequest: { id: string } }>(CREATE, { input }, ana);
    expect(response.body).toEqual({
      data: {
        createLeaveRequest: {
          id: expect.any(String),
          start: '2030-01-07T07:00:00.000Z',
          end: '2030-01-08T17:00:00.000Z',
          description: 'Check-up.',
          type: 'SICK_LEAVE',
          status: 'PENDING',
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
      },
    });
    const [call] = stack.hr.server.requests.filter((r) => r.method === 'POST');
    expect(JSON.parse(call!.body)).toEqual({ start: '2030-01-07T07:00:00.000Z', end: '2030-01-08T17:00:00.000Z', type: 'SICK_LEAVE', description: 'Check-up.' });
    expect(call!.headers['content-type']).toBe('application/json');
    const id = Number(rawId(response.body.data!.createLeaveRequest.id));
    expect(response.body.data!.createLeaveRequest.id).toBe(leave(id));
    expect(stack.hr.getLeaveRequest(id)).toMatchObject({ user_id: 1, status: 'PENDING' });
  });

  it('rejects invalid leave input before calling the upstream, every field error at once', async () => {
    const endBeforeStart = await gql(CREATE, { input: { start: '2030-01-08T00:00:00Z', end: '2030-01-07T00:00:00Z', type: 'VACATION' } }, ana);
    expect(endBeforeStart.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { end: ['End must be after start.'] } } }]);
    const equal = await gql(CREATE, { input: { start: '2030-01-08T00:00:00Z', end: '2030-01-08T00:00:00Z', type: 'VACATION' } }, ana);
    expect(codes(equal)).toEqual(['BAD_USER_INPUT']);
    const long = await gql(CREATE, { input: { start: '2030-01-07T00:00:00Z', end: '2030-01-08T00:00:00Z', type: 'VACATION', description: 'x'.repeat(1001) } }, ana);
    expect(long.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { description: ['Ensure this field has no more than 1000 characters.'] } } }]);
    const badType = await gql(CREATE, { input: { start: '2030-01-07T00:00:00Z', end: '2030-01-08T00:00:00Z', type: 'HOLIDAY' } }, ana);
    expect(codes(badType)).toEqual(['BAD_USER_INPUT']);
    const badDate = await gql(CREATE, { input: { start: '7 Jan 2030', end: '2030-01-08T00:00:00Z', type: 'VACATION' } }, ana);
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(stack.hr.server.requests).toHaveLength(0);
  });

  it('accepts 1,000 characters counted as the upstream counts them (code points, after trimming)', async () => {
    const description = `  ${'😀'.repeat(1000)}  `;
    const response = await gql<{ createLeaveRequest: { description: string } }>(
      CREATE,
      { input: { start: '2030-02-07T00:00:00Z', end: '2030-02-08T00:00:00Z', type: 'VACATION', description } },
      ana,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.createLeaveRequest.description).toBe('😀'.repeat(1000));
  });

  it('maps an upstream field error to the GraphQL input name', async () => {
    // Year 0 passes the DateTime scalar but not Django's datetime: the upstream's 400 is what the client sees.
    const response = await gql(CREATE, { input: { start: '0000-01-01T00:00:00Z', end: '2030-01-08T00:00:00Z', type: 'VACATION' } }, ana);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
          locations: expect.any(Array),
          path: ['createLeaveRequest'],
          extensions: {
            code: 'BAD_USER_INPUT',
            upstream: 'HR',
            fieldErrors: { start: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'] },
          },
        },
      ],
    });
    expect(stack.hr.server.count('POST', '/api/leave-requests/')).toBe(1);
  });

  it('updates a pending request (a full update)', async () => {
    const input = { start: '2026-12-22T08:00:00Z', end: '2027-01-05T17:00:00Z', type: 'VACATION', description: 'Christmas, one day later.' };
    const response = await gql(`mutation U($input: LeaveRequestInput!) { updateLeaveRequest(id: "5", input: $input) { id start description status } }`, { input }, ana);
    expect(response.body).toEqual({
      data: { updateLeaveRequest: { id: leave(5), start: '2026-12-22T08:00:00.000Z', description: 'Christmas, one day later.', status: 'PENDING' } },
    });
    expect(stack.hr.server.count('PUT', '/api/leave-requests/5')).toBe(1);
    const read = await gql(ONE, { id: '5' }, ana);
    expect(read.body.data).toMatchObject({ leaveRequest: { id: leave(5), description: 'Christmas, one day later.', end: '2027-01-05T17:00:00.000Z' } });
    const put = stack.hr.server.requests.find((r) => r.method === 'PUT')!;
    expect(JSON.parse(put.body)).toEqual({ start: '2026-12-22T08:00:00.000Z', end: '2027-01-05T17:00:00.000Z', type: 'VACATION', description: 'Christmas, one day later.' });
  });

  it('refuses to edit a request that is no longer pending (upstream non_field_errors)', async () => {
    const input = { start: '2025-08-04T08:00:00Z', end: '2025-08-16T17:00:00Z', type: 'VACATION' };
    const response = await gql(UPDATE, { id: '1', input }, ana);
    expect(response.body.errors).toEqual([
      { message: 'Only pending requests can be edited.', locations: expect.any(Array), path: ['updateLeaveRequest'], extensions: { code: 'BAD_USER_INPUT', upstream: 'HR' } },
    ]);
  });

  it('answers NOT_FOUND when updating, cancelling or deleting a request that is not the caller’s', async () => {
    const input = { start: '2030-01-07T00:00:00Z', end: '2030-01-08T00:00:00Z', type: 'VACATION' };
    for (const [query, variables] of [
      [UPDATE, { id: '6', input }],
      [CANCEL, { id: '6' }],
      [DELETE, { id: '6' }],
      [DELETE, { id: '424242' }],
    ] as const) {
      const response = await gql(query, variables, ana);
      expect(response.body.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND', upstream: 'HR' } }]);
      expect(response.body.errors![0]!.message).toBe('The leave request does not exist or is not visible to you.');
    }
    expect(stack.hr.getLeaveRequest(6)).toMatchObject({ status: 'REJECTED' });
  });

  it('cancels a request, also an approved one', async () => {
    const pending = await gql(CANCEL, { id: '10' }, john);
    expect(pending.body).toEqual({ data: { cancelLeaveRequest: { id: leave(10), status: 'CANCELLED' } } });
    const approved = await gql(CANCEL, { id: '7' }, john);
    expect(approved.body).toEqual({ data: { cancelLeaveRequest: { id: leave(7), status: 'CANCELLED' } } });
    // the cancel keeps every other field as it was
    expect(stack.hr.getLeaveRequest(7)).toMatchObject({ description: 'Back pain.', type: 'SICK_LEAVE', start: '2025-10-06T08:00:00Z' });
    const put = stack.hr.server.requests.filter((r) => r.method === 'PUT').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(put[1]).toEqual({ start: '2025-10-06T08:00:00Z', end: '2025-10-08T17:00:00Z', type: 'SICK_LEAVE', description: 'Back pain.', status: 'CANCELLED' });
  });

  it('deletes a request and returns its global id; reading it afterwards gives null', async () => {
    const response = await gql(`mutation { deleteLeaveRequest(id: "8") } `, {}, john);
    expect(response.body).toEqual({ data: { deleteLeaveRequest: leave(8) } });
    expect(stack.hr.getLeaveRequest(8)).toBeUndefined();
    const again = await gql(ONE, { id: '8' }, john);
    expect(again.body).toEqual({ data: { leaveRequest: null } });
    expect(stack.hr.server.count('DELETE', '/api/leave-requests/8')).toBe(1);
  });

  it('needs a linked hr account', async () => {
    const anonymous = await stack.gql(LIST, {});
    expect(anonymous.body.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    const mutation = await stack.gql(DELETE, { id: '1' });
    expect(codes(mutation)).toEqual(['UNAUTHENTICATED']);
    expect(stack.hr.server.requests).toHaveLength(0);
  });

  it('leaks no upstream token, password or upstream URL in any response or log line', () => {
    harvest();
    expect(upstreamTokens.size).toBeGreaterThan(0);
    const secrets = [stack.hr.url, stack.hr.url.replace('http://', ''), 'Gatehouse-demo-2026', ...upstreamTokens];
    const text = [...responses.map((r) => r.text), ...stack.logs].join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
