import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { globalId } from '../../helpers/ids.js';
import { startStack, type Stack } from '../../helpers/stack.js';

describe('HR with DRF pagination on (page size 2)', () => {
  let stack: Stack;
  let ana: string;

  beforeAll(async () => {
    stack = await startStack({ hr: { pageSize: 2 }, lenel: false, forensic: false, rehive: false });
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.hr.server.clearLog();
    stack.hr.linkHost = undefined;
  });

  it('leaveRequests returns every item across the upstream pages', async () => {
    const response = await stack.gql<{ leaveRequests: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      `{ leaveRequests(first: 100) { totalCount edges { node { id } } } approved: leaveRequests(status: APPROVED) { totalCount } }`,
      {},
      { token: ana },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.leaveRequests.totalCount).toBe(5);
    expect(response.body.data!.leaveRequests.edges.map((e) => e.node.id)).toEqual([5, 4, 3, 2, 1].map((id) => globalId('LeaveRequest', id)));
    const pages = stack.hr.server.requests.filter((r) => r.path === '/api/leave-requests/').map((r) => r.query.get('page'));
    // three pages read once for both fields
    expect(pages).toEqual([null, '2', '3']);
  });

  it('refuses a next link to another origin (UPSTREAM_ERROR) and never follows it', async () => {
    stack.hr.linkHost = 'evil.example:8080';
    const response = await stack.gql(`{ leaveRequests { totalCount } }`, {}, { token: ana });
    expect(response.body).toEqual({
      data: { leaveRequests: null },
      errors: [
        {
          message: 'The hr service sent a pagination link to another origin.',
          locations: expect.any(Array),
          path: ['leaveRequests'],
          extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR' },
        },
      ],
    });
    expect(stack.hr.server.requests).toHaveLength(1);
    expect(response.text).not.toContain('evil.example');
  });

  it('refuses a next link on the same host but another port', async () => {
    const port = Number(new URL(stack.hr.url).port);
    stack.hr.linkHost = `127.0.0.1:${port === 65_535 ? port - 1 : port + 1}`;
    const response = await stack.gql(`{ leaveRequests { totalCount } }`, {}, { token: ana });
    expect(response.body.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR' } }]);
  });
});
