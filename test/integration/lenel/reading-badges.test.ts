import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { globalId } from '../../helpers/ids.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';
import { callers, freshLenelSession } from './accounts.js';

const badge = (id: number) => globalId('Badge', id);
const employee = (id: number) => globalId('Employee', id);

const BADGES_WITH_HOLDERS = `{ badges(first: 100) { totalCount edges { node { id status employee { id fullName badges { id status } } } } } }`;

type BadgesWithHolders = {
  badges: { totalCount: number; edges: Array<{ node: { id: string; status: string; employee: { id: string; fullName: string; badges: Array<{ id: string; status: string }> } | null } }> };
};

describe('a lenel user reads badges and cardholders', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('reads 100 badges with their cardholders and their badges in one badges read and one employees read', async () => {
    const { token } = await freshLenelSession(stack, 'viewer');
    stack.lenel.server.clearLog();
    const response = await stack.gql<BadgesWithHolders>(BADGES_WITH_HOLDERS, {}, { token });
    expect(response.body.errors).toBeUndefined();
    const { badges } = response.body.data!;
    expect(badges.totalCount).toBe(60);
    expect(badges.edges).toHaveLength(60);
    expect(badges.edges[4]!.node).toEqual({
      id: badge(5),
      status: 'ACTIVE',
      employee: { id: employee(5), fullName: 'Ana García', badges: [{ id: badge(5), status: 'ACTIVE' }, { id: badge(37), status: 'INACTIVE' }] },
    });
    // The visitor desk's stock is unassigned.
    expect(badges.edges[55]!.node).toEqual({ id: badge(56), status: 'ACTIVE', employee: null });
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
    expect(stack.lenel.server.count('GET', '/api/employees/')).toBe(1);
    expect(stack.lenel.server.count('POST', /^\/auth\//)).toBe(0);
  });

  it('shares one upstream read between concurrent requests and serves the next request from the cache', async () => {
    const { token } = await freshLenelSession(stack);
    stack.lenel.server.clearLog();
    const [first, second] = await Promise.all([stack.gql<BadgesWithHolders>(BADGES_WITH_HOLDERS, {}, { token }), stack.gql<BadgesWithHolders>(BADGES_WITH_HOLDERS, {}, { token })]);
    expect(first.body).toEqual(second.body);
    expect(first.body.data?.badges.totalCount).toBe(60);
    const third = await stack.gql<BadgesWithHolders>(BADGES_WITH_HOLDERS, {}, { token });
    expect(third.body).toEqual(first.body);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
    expect(stack.lenel.server.count('GET', '/api/employees/')).toBe(1);
  });

  it('never serves one account the list cached for another: the second account reads with its own token', async () => {
    const a = await freshLenelSession(stack, 'viewer');
    const b = await freshLenelSession(stack, 'operator');
    stack.lenel.server.clearLog();
    const query = `{ badge(id: "5") { id status } }`;
    expect((await stack.gql(query, {}, { token: a.token })).body).toEqual({ data: { badge: { id: badge(5), status: 'ACTIVE' } } });
    expect((await stack.gql(query, {}, { token: b.token })).body).toEqual({ data: { badge: { id: badge(5), status: 'ACTIVE' } } });
    expect(callers(stack, 'GET', '/api/badges/')).toEqual([a.userId, b.userId]);
    // A second session of the same backend user is the same account: it shares the cache.
    const again = await stack.signIn('LENEL', a.username);
    await stack.gql(query, {}, { token: again });
    expect(callers(stack, 'GET', '/api/badges/')).toEqual([a.userId, b.userId]);
  });

  it('reads a badge in a site-specific status as OTHER with its code and name', async () => {
    const { token } = await freshLenelSession(stack);
    const response = await stack.gql(`{ badge(id: "33") { id badgeNumber status statusCode statusName type employee { fullName email } } }`, {}, { token });
    expect(response.body).toEqual({
      data: { badge: { id: badge(33), badgeNumber: '100066', status: 'OTHER', statusCode: 7, statusName: 'Suspended', type: 'Permanent', employee: { fullName: 'Marta Nowak', email: null } } },
    });
  });

  it('reads one cardholder with dates and badges, and null for ids that do not exist', async () => {
    const { token } = await freshLenelSession(stack);
    const response = await stack.gql(
      `{ employee(id: "6") { id firstName middleName lastName fullName employeeNumber email department title badges(status: ACTIVE) { id activatedAt deactivatedAt } }
         missingBadge: badge(id: "999999") { id } missingEmployee: employee(id: "9007199254740993") { id } }`,
      {},
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      employee: {
        id: employee(6),
        firstName: 'John',
        middleName: 'Michael',
        lastName: 'Doe',
        fullName: 'John Michael Doe',
        employeeNumber: 'E-10024',
        email: 'JOHN.DOE@example.com',
        department: 'Operations',
        title: 'Shift Lead',
        badges: [
          { id: badge(6), activatedAt: '2024-01-31T08:00:00.000Z', deactivatedAt: null },
          { id: badge(38), activatedAt: '2024-07-09T08:00:00.000Z', deactivatedAt: null },
        ],
      },
      missingBadge: null,
      missingEmployee: null,
    });
  });

  it('refuses an id that is not a positive integer before any upstream call', async () => {
    const { token } = await freshLenelSession(stack);
    stack.lenel.server.clearLog();
    const response = await stack.gql(`{ badge(id: "1/../../auth") { id } }`, {}, { token });
    expect(response.body).toEqual({
      data: { badge: null },
      errors: [
        {
          message: 'Invalid id: must be a positive integer',
          locations: [{ line: 1, column: 3 }],
          path: ['badge'],
          extensions: { code: 'BAD_USER_INPUT', fieldErrors: { id: ['must be a positive integer'] } },
        },
      ],
    });
    for (const query of [
      `{ employee(id: "0") { id } }`,
      `{ badges(filter: { employeeId: "5?x=1" }) { totalCount } }`,
      `{ badges(first: 101) { totalCount } }`,
      `{ employees(first: -1) { totalCount } }`,
      `mutation { updateBadgeStatus(badgeId: "%2F..", status: ACTIVE) { id } }`,
    ]) {
      expect(codes(await stack.gql(query, {}, { token }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(stack.lenel.server.requests).toHaveLength(0);
  });

  it('filters and pages badges and cardholders in the gateway', async () => {
    const { token } = await freshLenelSession(stack);
    stack.lenel.server.clearLog();
    const ids = `totalCount edges { node { id } }`;
    const response = await stack.gql<Record<string, { totalCount: number; edges: Array<{ node: { id: string } }> }>>(
      `{ other: badges(filter: { status: OTHER }) { ${ids} }
         johns: badges(filter: { employeeId: "6" }) { ${ids} }
         johnsActive: badges(filter: { employeeId: "6", status: ACTIVE }) { ${ids} }
         byNumber: badges(filter: { badgeNumber: "100066" }) { ${ids} }
         byEmail: employees(filter: { email: " JOHN.doe@EXAMPLE.com" }) { ${ids} }
         search: employees(filter: { search: "garcia" }) { ${ids} }
         security: employees(filter: { department: "security" }) { ${ids} }
         none: employees(filter: { department: "security", search: "haddad" }) { ${ids} } }`,
      {},
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    const idsOf = (key: string) => response.body.data![key]!.edges.map((edge) => edge.node.id);
    expect(idsOf('other')).toEqual([badge(33), badge(46)]);
    expect(idsOf('johns')).toEqual([badge(6), badge(38), badge(39)]);
    expect(idsOf('johnsActive')).toEqual([badge(6), badge(38)]);
    expect(idsOf('byNumber')).toEqual([badge(33)]);
    expect(idsOf('byEmail')).toEqual([employee(6)]);
    expect(idsOf('search')).toEqual([employee(5)]);
    expect(idsOf('security')).toEqual([employee(1), employee(5), employee(10), employee(22)]);
    expect(response.body.data!.none!.totalCount).toBe(0);

    const first = await stack.gql<{ badges: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      `{ badges(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      { token },
    );
    const page1 = first.body.data!.badges;
    expect(page1.edges.map((edge) => edge.node.id)).toEqual([badge(1), badge(2)]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await stack.gql(`query ($after: String) { badges(first: 2, after: $after) { edges { node { id } } } }`, { after: page1.pageInfo.endCursor }, { token });
    expect(second.body).toEqual({ data: { badges: { edges: [{ node: { id: badge(3) } }, { node: { id: badge(4) } }] } } });
    // Every filter and page above came from one read of each list.
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
    expect(stack.lenel.server.count('GET', '/api/employees/')).toBe(1);
  });

  it('signs in to lenel with a username, and refuses a wrong password without saying which part was wrong', async () => {
    const ok = await stack.gql(`mutation { signIn(input: { upstream: LENEL, login: "viewer", password: "Gatehouse-demo-2026" }) { account { upstream login userId roles } } }`);
    expect(ok.body).toEqual({ data: { signIn: { account: { upstream: 'LENEL', login: 'viewer', userId: '2', roles: [] } } } });
    const wrong = await stack.gql(`mutation { signIn(input: { upstream: LENEL, login: "viewer", password: "nope" }) { token } }`);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ message: 'The login or password is not correct.', extensions: { code: 'UNAUTHENTICATED', upstream: 'LENEL' } })]);
  });

  it('reports a failing list read on the field and does not cache the failure', async () => {
    const { token } = await freshLenelSession(stack);
    stack.lenel.server.addFault({ method: 'GET', path: '/api/badges/', sequence: [503, 503, 503] });
    const failed = await stack.gql(`{ badge(id: "5") { id } employee(id: "5") { id } }`, {}, { token });
    expect(failed.body).toEqual({
      data: { badge: null, employee: { id: employee(5) } },
      errors: [expect.objectContaining({ path: ['badge'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'LENEL' } })],
    });
    const retried = await stack.gql(`{ badge(id: "5") { id } }`, {}, { token });
    expect(retried.body).toEqual({ data: { badge: { id: badge(5) } } });
  });

  it('keeps lenel tokens and passwords out of responses and logs', async () => {
    const { token } = await freshLenelSession(stack);
    const response = await stack.gql(BADGES_WITH_HOLDERS, {}, { token });
    const upstreamTokens = stack.lenel.server.requests.flatMap((request) => {
      const header = request.headers.authorization;
      return typeof header === 'string' ? [header.replace(/^Bearer /, '')] : [];
    });
    expect(upstreamTokens.length).toBeGreaterThan(0);
    const logs = stack.logs.join('\n');
    for (const secret of [...upstreamTokens, 'Gatehouse-demo-2026']) {
      expect(response.text).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toContain(stack.lenel.url);
  });
});

describe('a lenel site that paginates its lists', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: { pageSize: 50 } });
  });
  afterAll(() => stack.close());

  it('reads each page of each list once per request, and concurrent requests share the reads', async () => {
    const { token } = await freshLenelSession(stack);
    stack.lenel.server.clearLog();
    const responses = await Promise.all([stack.gql<BadgesWithHolders>(BADGES_WITH_HOLDERS, {}, { token }), stack.gql<BadgesWithHolders>(BADGES_WITH_HOLDERS, {}, { token })]);
    for (const response of responses) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.badges.totalCount).toBe(60);
      expect(response.body.data!.badges.edges[59]!.node.id).toBe(badge(60));
    }
    const pages = (path: string) => stack.lenel.server.requests.filter((request) => request.path === path).map((request) => request.query.get('page'));
    expect(pages('/api/badges/')).toEqual([null, '2']);
    expect(pages('/api/employees/')).toEqual([null]);
  });
});

describe('two sessions of one lenel user', () => {
  let stack: Stack;
  let offsetMs = 0;
  beforeAll(async () => {
    stack = await startStack({ lenel: { now: () => Date.now() + offsetMs } });
  });
  afterAll(() => stack.close());

  it('share a read, but a session whose sign-in has died does not fail the other one', async () => {
    const { token: stale, username } = await freshLenelSession(stack);
    // A day later on the backend's clock, the first session's refresh token is dead too.
    offsetMs += 2 * 86_400_000;
    const fresh = await stack.signIn('LENEL', username);
    stack.lenel.server.addFault({ method: 'GET', path: '/api/badges/', latencyMs: 300 });
    stack.lenel.server.clearLog();
    const query = `{ badge(id: "5") { id } }`;
    const staleResponse = stack.gql(query, {}, { token: stale });
    // The fresh session asks while the stale one's read is held at lenel.
    await vi.waitFor(() => expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1));
    const [dead, alive] = await Promise.all([staleResponse, stack.gql(query, {}, { token: fresh })]);
    stack.lenel.server.clearFaults();
    expect(codes(dead)).toEqual(['UNAUTHENTICATED']);
    expect(alive.body).toEqual({ data: { badge: { id: badge(5) } } });
    // The dead session's read, then the live session's own.
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(2);
  });
});
