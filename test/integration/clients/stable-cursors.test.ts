import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from '../../helpers/ids.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

interface Page {
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
const PAGE = `edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const ids = (page: Page) => page.edges.map((edge) => edge.node.id);

describe('infinite scroll goes on when the item a cursor names has left the list', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('badges: the next page starts after the cursor’s badge, also once it is filtered out, with no repeat and no skip', async () => {
    const token = await stack.signIn('LENEL', 'operator');
    const query = `query ($after: String) { badges(filter: { status: ACTIVE }, first: 3, after: $after) { ${PAGE} } }`;
    const first = (await stack.gql<{ badges: Page }>(query, {}, { token })).body.data!.badges;
    const active = (from: number) => Array.from({ length: stack.lenel.badgeCount }, (_, i) => stack.lenel.badge(i + 1)!).filter((badge) => badge.status === 1 && badge.id > from);
    expect(ids(first)).toEqual(active(0).slice(0, 3).map((badge) => globalId('Badge', badge.id)));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[2]!.cursor });

    // The page's last badge (the cursor's) and the first one of the next page are deactivated: both leave the list.
    const boundary = active(0)[2]!.id;
    const following = active(boundary)[0]!.id;
    for (const id of [boundary, following]) {
      const update = await stack.gql(`mutation { updateBadgeStatus(badgeId: "${id}", status: INACTIVE) { status } }`, {}, { token });
      expect(update.body).toEqual({ data: { updateBadgeStatus: { status: 'INACTIVE' } } });
    }
    const next = (await stack.gql<{ badges: Page }>(query, { after: first.pageInfo.endCursor }, { token })).body;
    expect(next.data!.badges).toEqual({
      edges: active(boundary)
        .slice(0, 3)
        .map((badge) => ({ cursor: expect.any(String), node: { id: globalId('Badge', badge.id) } })),
      pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: expect.any(String), endCursor: expect.any(String) },
    });
    expect(ids(next.data!.badges)).not.toContain(globalId('Badge', following));
  });

  it('leave requests: the next page starts after the cursor’s request when it was cancelled, deleted or moved', async () => {
    const token = await stack.signIn('HR', 'john.doe@example.com');
    const leave = (id: number) => globalId('LeaveRequest', id);
    // John's requests, newest start first: 9, 10, 8, 7, 6.
    const pending = `query ($after: String) { leaveRequests(status: PENDING, first: 1, after: $after) { ${PAGE} } }`;
    const first = (await stack.gql<{ leaveRequests: Page }>(pending, {}, { token })).body.data!.leaveRequests;
    expect(ids(first)).toEqual([leave(9)]);
    // Cancelled: it is no longer PENDING.
    expect(codes(await stack.gql(`mutation { cancelLeaveRequest(id: "9") { id } }`, {}, { token }))).toEqual([]);
    const second = (await stack.gql<{ leaveRequests: Page }>(pending, { after: first.pageInfo.endCursor }, { token })).body.data!.leaveRequests;
    expect(ids(second)).toEqual([leave(10)]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

    const all = `query ($after: String) { leaveRequests(first: 2, after: $after) { ${PAGE} } }`;
    const page1 = (await stack.gql<{ leaveRequests: Page }>(all, {}, { token })).body.data!.leaveRequests;
    expect(ids(page1)).toEqual([leave(9), leave(10)]);
    // Deleted: the cursor's own request is gone.
    expect((await stack.gql(`mutation { deleteLeaveRequest(id: "10") }`, {}, { token })).body).toEqual({ data: { deleteLeaveRequest: leave(10) } });
    const page2 = (await stack.gql<{ leaveRequests: Page }>(all, { after: page1.pageInfo.endCursor }, { token })).body.data!.leaveRequests;
    expect(ids(page2)).toEqual([leave(8), leave(7)]);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    // Moved: request 7 (the new cursor's) is moved to the newest start of all, back before the cursor;
    // the next page still starts after its old place (the back office reopened it so that it can be edited).
    stack.hr.setLeaveStatus(7, 'PENDING');
    const move = `mutation { updateLeaveRequest(id: "7", input: { start: "2030-01-07T08:00:00Z", end: "2030-01-08T17:00:00Z", type: SICK_LEAVE }) { id } }`;
    expect(codes(await stack.gql(move, {}, { token }))).toEqual([]);
    const page3 = (await stack.gql<{ leaveRequests: Page }>(all, { after: page2.pageInfo.endCursor }, { token })).body.data!.leaveRequests;
    expect(ids(page3)).toEqual([leave(6)]);
    expect(page3.pageInfo.hasNextPage).toBe(false);
  });

  it('forensic companies (offset paging on Oz): removals before the cursor and of the cursor’s own company neither repeat nor skip', async () => {
    const token = await stack.signIn('FORENSIC', 'admin@oz.example.com');
    for (const name of ['Alpha Labs', 'Beta Labs', 'Gamma Labs', 'Delta Labs']) stack.forensic.addCompany(name);
    const query = `query ($after: String) { companies(first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    type Companies = { companies: { edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string } } };
    const names = (page: Companies['companies']) => page.edges.map((edge) => edge.node.name);
    const page1 = (await stack.gql<Companies>(query, {}, { token })).body.data!.companies;
    expect(names(page1)).toEqual(['Acme Biometrics', 'Globex Security']);

    // A company before the cursor's is deleted: Oz's offsets shift by one.
    stack.forensic.removeCompany(stack.forensic.companies.find((company) => company.name === 'Acme Biometrics')!.companyId);
    stack.forensic.server.clearLog();
    const page2 = (await stack.gql<Companies>(query, { after: page1.pageInfo.endCursor }, { token })).body.data!.companies;
    expect(names(page2)).toEqual(['Alpha Labs', 'Beta Labs']);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(stack.forensic.server.count('GET', '/api/companies/')).toBe(1);

    // The cursor's own company is deleted: the page starts where it stood.
    stack.forensic.removeCompany(stack.forensic.companies.find((company) => company.name === 'Beta Labs')!.companyId);
    const page3 = (await stack.gql<Companies>(query, { after: page2.pageInfo.endCursor }, { token })).body.data!.companies;
    expect(names(page3)).toEqual(['Gamma Labs', 'Delta Labs']);
    expect(page3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('refuses a cursor of another kind of list as BAD_USER_INPUT', async () => {
    const token = await stack.signIn('LENEL', 'viewer');
    const badges = (await stack.gql<{ badges: Page }>(`{ badges(first: 1) { ${PAGE} } }`, {}, { token })).body.data!.badges;
    stack.lenel.server.clearLog();
    const response = await stack.gql(`query ($after: String) { employees(first: 1, after: $after) { totalCount } }`, { after: badges.pageInfo.endCursor }, { token });
    expect(response.body).toMatchObject({ data: { employees: null }, errors: [{ path: ['employees'], extensions: { code: 'BAD_USER_INPUT', fieldErrors: { after: ['is not a cursor of this list'] } } }] });
    // Refused before the list is read.
    expect(stack.lenel.server.requests).toEqual([]);
  });
});
