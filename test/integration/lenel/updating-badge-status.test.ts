import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startStack, type Stack } from '../../helpers/stack.js';
import { callers, freshLenelSession } from './accounts.js';
import { globalId } from '../../helpers/ids.js';

const badge = (id: number) => globalId('Badge', id);

const UPDATE = `mutation ($id: ID!, $status: BadgeStatusChange!) {
  updateBadgeStatus(badgeId: $id, status: $status) { id status statusCode statusName activatedAt deactivatedAt }
}`;
const READ = `query ($id: ID!) { badge(id: $id) { id status statusCode statusName activatedAt deactivatedAt } }`;

type BadgeView = { id: string; status: string; statusCode: number; statusName: string; activatedAt: string | null; deactivatedAt: string | null };

describe('an operator changes a badge status', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('deactivates and reactivates a badge, and the next request reads the new status from the updated cache', async () => {
    const { token } = await freshLenelSession(stack, 'operator');
    const before = (await stack.gql<{ badge: BadgeView }>(READ, { id: '1' }, { token })).body.data!.badge;
    expect(before).toMatchObject({ id: badge(1), status: 'ACTIVE', deactivatedAt: null });
    stack.lenel.server.clearLog();

    const deactivated = await stack.gql<{ updateBadgeStatus: BadgeView }>(UPDATE, { id: '1', status: 'INACTIVE' }, { token });
    expect(deactivated.body).toEqual({
      data: { updateBadgeStatus: { id: badge(1), status: 'INACTIVE', statusCode: 4, statusName: 'Inactive', activatedAt: before.activatedAt, deactivatedAt: expect.any(String) } },
    });
    const deactivatedAt = deactivated.body.data!.updateBadgeStatus.deactivatedAt!;
    expect(Date.now() - Date.parse(deactivatedAt)).toBeLessThan(60_000);

    const read = await stack.gql(`{ badge(id: "1") { id status statusCode statusName activatedAt deactivatedAt } badges(filter: { employeeId: "1" }) { edges { node { id status } } } }`, {}, { token });
    expect(read.body).toEqual({
      data: {
        badge: { id: badge(1), status: 'INACTIVE', statusCode: 4, statusName: 'Inactive', activatedAt: before.activatedAt, deactivatedAt },
        badges: { edges: [{ node: { id: badge(1), status: 'INACTIVE' } }] },
      },
    });
    expect(stack.lenel.server.count('POST', '/api/update-badges/')).toBe(1);
    expect(stack.lenel.server.requests.find((request) => request.path === '/api/update-badges/')?.body).toBe('{"badge_id":1,"status":4}');
    // Served by the cached list, updated in place by the write.
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(0);

    const reactivated = await stack.gql<{ updateBadgeStatus: BadgeView }>(UPDATE, { id: '1', status: 'ACTIVE' }, { token });
    expect(reactivated.body.data!.updateBadgeStatus).toMatchObject({ id: badge(1), status: 'ACTIVE', deactivatedAt: null });
    expect((await stack.gql(READ, { id: '1' }, { token })).body.data).toEqual({ badge: reactivated.body.data!.updateBadgeStatus });
  });

  it("drops other accounts' cached lists after a write, so they read the change at once", async () => {
    const viewer = await freshLenelSession(stack, 'viewer');
    const operator = await freshLenelSession(stack, 'operator');
    expect((await stack.gql(READ, { id: '2' }, { token: viewer.token })).body.data).toMatchObject({ badge: { status: 'ACTIVE' } });
    await stack.gql(READ, { id: '2' }, { token: operator.token });
    stack.lenel.server.clearLog();
    expect(codes(await stack.gql(UPDATE, { id: '2', status: 'INACTIVE' }, { token: operator.token }))).toEqual([]);
    expect((await stack.gql(READ, { id: '2' }, { token: viewer.token })).body.data).toMatchObject({ badge: { id: badge(2), status: 'INACTIVE' } });
    expect(callers(stack, 'GET', '/api/badges/')).toEqual([viewer.userId]);
  });

  it('a viewer may not change a badge: FORBIDDEN', async () => {
    const { token } = await freshLenelSession(stack, 'viewer');
    const response = await stack.gql(UPDATE, { id: '37', status: 'ACTIVE' }, { token });
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'You do not have permission to perform this action.',
          locations: [{ line: 2, column: 3 }],
          path: ['updateBadgeStatus'],
          extensions: { code: 'FORBIDDEN', upstream: 'LENEL' },
        },
      ],
    });
  });

  it('an unknown badge is NOT_FOUND', async () => {
    const { token } = await freshLenelSession(stack, 'operator');
    const response = await stack.gql(UPDATE, { id: '999999', status: 'INACTIVE' }, { token });
    expect(response.body).toEqual({
      data: null,
      errors: [{ message: 'The badge does not exist or is not visible to you.', locations: [{ line: 2, column: 3 }], path: ['updateBadgeStatus'], extensions: { code: 'NOT_FOUND', upstream: 'LENEL' } }],
    });
  });

  it("activating a badge beyond the cardholder's limit is BAD_USER_INPUT with the backend's message, and changes nothing", async () => {
    const { token } = await freshLenelSession(stack, 'operator');
    const response = await stack.gql(UPDATE, { id: '39', status: 'ACTIVE' }, { token });
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Employee 6 already has the maximum number of active badges.',
          locations: [{ line: 2, column: 3 }],
          path: ['updateBadgeStatus'],
          extensions: { code: 'BAD_USER_INPUT', upstream: 'LENEL' },
        },
      ],
    });
    expect((await stack.gql(READ, { id: '39' }, { token })).body.data).toMatchObject({ badge: { status: 'INACTIVE' } });
  });

  it('setting the status a badge already has returns it unchanged', async () => {
    const { token } = await freshLenelSession(stack, 'operator');
    const before = (await stack.gql<{ badge: BadgeView }>(READ, { id: '3' }, { token })).body.data!.badge;
    expect(before.status).toBe('ACTIVE');
    const same = await stack.gql(UPDATE, { id: '3', status: 'ACTIVE' }, { token });
    expect(same.body).toEqual({ data: { updateBadgeStatus: before } });
  });
});
