import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { globalId } from '../../helpers/ids.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

const ANA = 'ana.garcia@example.com';
const OZ_ADMIN = 'admin@oz.example.com';
const OZ_ADMIN_ID = '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d701';
const ACME = '3f6c1a2e-8b4d-4e9a-9c71-0a5d2b7e4f10';
const REHIVE_USER = 'demo@rehive.example.com';

// What a Relay client's refetch query selects: the type, the id, and a field of each type.
const NODE_FIELDS = `fragment NodeFields on Node {
  __typename id
  ... on HrUser { email }
  ... on LeaveRequest { status }
  ... on Badge { badgeNumber }
  ... on Employee { fullName }
  ... on Company { upstream name }
  ... on ForensicUser { email }
  ... on RehiveUser { email }
  ... on AuthToken { upstream }
  ... on MfaAuthenticator { type }
}`;

/** One `node` field per alias, each with its own variable. */
const nodes = (aliases: string[]) =>
  `query (${aliases.map((alias) => `$${alias}: ID!`).join(', ')}) { ${aliases.map((alias) => `${alias}: node(id: $${alias}) { ...NodeFields }`).join(' ')} } ${NODE_FIELDS}`;

describe('Relay object identification: every object has a global id that node() refetches', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.signIn('HR', ANA);
    token = await stack.signIn('LENEL', 'operator', { token });
    token = await stack.signIn('FORENSIC', OZ_ADMIN, { token });
    token = await stack.signIn('REHIVE', REHIVE_USER, { company: REHIVE_DEMO_COMPANY, token });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    for (const upstream of [stack.hr, stack.lenel, stack.forensic, stack.rehive]) upstream.server.clearLog();
  });

  it('refetches an object of every type through node, as its own root field answers, and null for what the caller cannot see', async () => {
    const created = await stack.gql<{ createMfaAuthenticator: { id: string } }>(`mutation { createMfaAuthenticator(type: TOTP) { id } }`, {}, { token });
    const authenticatorId = created.body.data!.createMfaAuthenticator.id;
    const rehiveUserId = stack.rehive.user(REHIVE_USER)!.id;
    const sessionTokenKey = stack.rehive.tokens(REHIVE_USER)[0]!.token.slice(0, 8);
    for (const upstream of [stack.rehive]) upstream.server.clearLog();
    const ids = {
      hrUser: globalId('HrUser', 1),
      otherHrUser: globalId('HrUser', 2),
      leaveRequest: globalId('LeaveRequest', 5),
      othersLeaveRequest: globalId('LeaveRequest', 6),
      badge: globalId('Badge', 5),
      missingBadge: globalId('Badge', 999999),
      employee: globalId('Employee', 5),
      forensicCompany: globalId('Company', ACME, 'forensic'),
      rehiveCompany: globalId('Company', REHIVE_DEMO_COMPANY, 'rehive'),
      otherRehiveCompany: globalId('Company', 'another-company', 'rehive'),
      forensicUser: globalId('ForensicUser', OZ_ADMIN_ID),
      rehiveUser: globalId('RehiveUser', rehiveUserId),
      otherRehiveUser: globalId('RehiveUser', randomUUID()),
      rehiveToken: globalId('AuthToken', sessionTokenKey, 'rehive'),
      serviceToken: globalId('AuthToken', randomUUID(), 'forensic'),
      authenticator: authenticatorId,
    };
    const response = await stack.gql(nodes(Object.keys(ids)), ids, { token });
    expect(response.body).toEqual({
      data: {
        hrUser: { __typename: 'HrUser', id: ids.hrUser, email: ANA },
        otherHrUser: null,
        leaveRequest: { __typename: 'LeaveRequest', id: ids.leaveRequest, status: 'PENDING' },
        othersLeaveRequest: null,
        badge: { __typename: 'Badge', id: ids.badge, badgeNumber: stack.lenel.badge(5)!.badge_number },
        missingBadge: null,
        employee: { __typename: 'Employee', id: ids.employee, fullName: 'Ana García' },
        forensicCompany: { __typename: 'Company', id: ids.forensicCompany, upstream: 'FORENSIC', name: 'Acme Biometrics' },
        rehiveCompany: { __typename: 'Company', id: ids.rehiveCompany, upstream: 'REHIVE', name: 'Gatehouse demo' },
        otherRehiveCompany: null,
        forensicUser: { __typename: 'ForensicUser', id: ids.forensicUser, email: OZ_ADMIN },
        rehiveUser: { __typename: 'RehiveUser', id: ids.rehiveUser, email: REHIVE_USER },
        otherRehiveUser: null,
        rehiveToken: { __typename: 'AuthToken', id: ids.rehiveToken, upstream: 'REHIVE' },
        // Oz cannot read a service token back: it exists only in issueServiceToken's answer.
        serviceToken: null,
        authenticator: { __typename: 'MfaAuthenticator', id: authenticatorId, type: 'TOTP' },
      },
    });
    // Through the request's data sources: one read of each list or object, shared by the fields.
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(1);
    expect(stack.hr.server.count('GET', /^\/api\/leave-requests\/\d+$/)).toBe(2);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
    expect(stack.lenel.server.count('GET', '/api/employees/')).toBe(1);
    expect(stack.rehive.server.count('GET', '/3/auth/')).toBe(1);
    expect(stack.forensic.server.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([`GET /api/companies/${ACME}/`, `GET /api/users/${OZ_ADMIN_ID}/`]);

    // Every field as the type's own root field answers it, dates included (node once lost the cached record's date getters).
    const badgeFields = '__typename id badgeNumber activatedAt deactivatedAt lastChangedAt';
    const both = await stack.gql<{ viaNode: unknown; direct: { activatedAt: string } }>(
      `query ($id: ID!) { viaNode: node(id: $id) { ... on Badge { ${badgeFields} } } direct: badge(id: $id) { ${badgeFields} } }`,
      { id: ids.badge },
      { token },
    );
    expect(both.body.data!.direct.activatedAt).toEqual(expect.any(String));
    expect(both.body.data!.viaNode).toEqual(both.body.data!.direct);
  });

  it('the ids an object shows are the ids node() takes', async () => {
    const listed = await stack.gql<{ badges: { edges: Array<{ node: { id: string } }> }; viewer: { hr: { id: string; leaveRequests: { edges: Array<{ node: { id: string } }> } } } }>(
      `{ badges(first: 1) { edges { node { id } } } viewer { hr { id leaveRequests(first: 1) { edges { node { id } } } } } }`,
      {},
      { token },
    );
    const badgeId = listed.body.data!.badges.edges[0]!.node.id;
    const leaveRequestId = listed.body.data!.viewer.hr.leaveRequests.edges[0]!.node.id;
    const refetched = await stack.gql(nodes(['a', 'b', 'c']), { a: badgeId, b: leaveRequestId, c: listed.body.data!.viewer.hr.id }, { token });
    expect(refetched.body).toEqual({
      data: {
        a: { __typename: 'Badge', id: badgeId, badgeNumber: stack.lenel.badge(1)!.badge_number },
        b: { __typename: 'LeaveRequest', id: leaveRequestId, status: 'PENDING' },
        c: { __typename: 'HrUser', id: globalId('HrUser', 1), email: ANA },
      },
    });
  });

  it('node() needs the same linked account as the type’s own root field, and refuses what is not a global id', async () => {
    const hrOnly = await stack.signIn('HR', ANA);
    const response = await stack.gql(nodes(['badge', 'company', 'rehiveUser', 'hrUser']), {
      badge: globalId('Badge', 5),
      company: globalId('Company', ACME, 'forensic'),
      rehiveUser: globalId('RehiveUser', stack.rehive.user(REHIVE_USER)!.id),
      hrUser: globalId('HrUser', 1),
    }, { token: hrOnly });
    expect(response.body.data).toEqual({ badge: null, company: null, rehiveUser: null, hrUser: { __typename: 'HrUser', id: globalId('HrUser', 1), email: ANA } });
    expect(response.body.errors!.map((error) => ({ path: error.path, extensions: error.extensions }))).toEqual([
      { path: ['badge'], extensions: { code: 'UNAUTHENTICATED', upstream: 'LENEL' } },
      { path: ['company'], extensions: { code: 'UNAUTHENTICATED', upstream: 'FORENSIC' } },
    ]);

    const anonymous = await stack.gql(nodes(['a']), { a: globalId('HrUser', 1) });
    expect(anonymous.body).toMatchObject({ data: { a: null }, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

    for (const id of ['5', 'not-an-id', Buffer.from('Nope:1').toString('base64url')]) {
      const bad = await stack.gql(nodes(['a']), { a: id }, { token });
      expect(bad.body.errors!.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { id: ['is not a global id'] } }]);
    }
    for (const inner of ['../auth', globalId('Badge', 5)]) {
      // A global id inside a global id is not decoded twice: only the canonical spelling counts.
      const badInner = await stack.gql(nodes(['a']), { a: globalId('Badge', inner) }, { token });
      expect(badInner.body.errors!.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { id: ['must be a positive integer'] } }]);
    }
    expect(stack.lenel.server.requests).toEqual([]);
  });
});

describe('arguments that take an object id take its global id, and still the upstream’s raw id', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.signIn('HR', 'john.doe@example.com');
    token = await stack.signIn('LENEL', 'operator', { token });
    token = await stack.signIn('FORENSIC', OZ_ADMIN, { token });
    token = await stack.signIn('REHIVE', REHIVE_USER, { company: REHIVE_DEMO_COMPANY, token });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    for (const upstream of [stack.hr, stack.lenel, stack.forensic, stack.rehive]) upstream.server.clearLog();
  });

  it('reads the same object by either id', async () => {
    const query = `query ($badge: ID!, $employee: ID!, $leave: ID!, $company: ID!, $user: ID!) {
      badge(id: $badge) { id } employee(id: $employee) { id } leaveRequest(id: $leave) { id }
      company(id: $company) { id } forensicUser(id: $user) { id }
      badges(filter: { employeeId: $employee }) { edges { node { id } } }
      forensicUsers(companyId: $company, first: 1) { edges { node { company { id } } } }
    }`;
    const raw = { badge: '6', employee: '6', leave: '7', company: ACME, user: OZ_ADMIN_ID };
    const global = {
      badge: globalId('Badge', 6),
      employee: globalId('Employee', 6),
      leave: globalId('LeaveRequest', 7),
      company: globalId('Company', ACME, 'forensic'),
      user: globalId('ForensicUser', OZ_ADMIN_ID),
    };
    const expected = {
      data: {
        badge: { id: global.badge },
        employee: { id: global.employee },
        leaveRequest: { id: global.leave },
        company: { id: global.company },
        forensicUser: { id: global.user },
        badges: { edges: [6, 38, 39].map((id) => ({ node: { id: globalId('Badge', id) } })) },
        forensicUsers: { edges: [{ node: { company: { id: global.company } } }] },
      },
    };
    expect((await stack.gql(query, global, { token })).body).toEqual(expected);
    expect((await stack.gql(query, raw, { token })).body).toEqual(expected);
  });

  it('writes by either id; a deleted object’s id comes back as its global id', async () => {
    const badge = await stack.gql(`mutation ($id: ID!) { updateBadgeStatus(badgeId: $id, status: ACTIVE) { id status } }`, { id: globalId('Badge', 6) }, { token });
    expect(badge.body).toEqual({ data: { updateBadgeStatus: { id: globalId('Badge', 6), status: 'ACTIVE' } } });
    const cancelled = await stack.gql(`mutation ($id: ID!) { cancelLeaveRequest(id: $id) { id status } }`, { id: globalId('LeaveRequest', 10) }, { token });
    expect(cancelled.body).toEqual({ data: { cancelLeaveRequest: { id: globalId('LeaveRequest', 10), status: 'CANCELLED' } } });
    expect(stack.hr.server.count('PUT', '/api/leave-requests/10')).toBe(1);
    const deleted = await stack.gql(`mutation { a: deleteLeaveRequest(id: "${globalId('LeaveRequest', 8)}") b: deleteLeaveRequest(id: "9") }`, {}, { token });
    expect(deleted.body).toEqual({ data: { a: globalId('LeaveRequest', 8), b: globalId('LeaveRequest', 9) } });

    const created = await stack.gql<{ a: { id: string }; b: { id: string } }>(`mutation { a: createMfaAuthenticator(type: TOTP) { id } b: createMfaAuthenticator(type: SMS) { id } }`, {}, { token });
    const [totp, sms] = [created.body.data!.a.id, created.body.data!.b.id];
    const rawTotp = Buffer.from(totp, 'base64url').toString().split(':')[1]!;
    const read = await stack.gql(`query ($a: ID!, $b: ID!) { a: mfaAuthenticator(id: $a) { id type } b: mfaAuthenticator(id: $b) { id type } }`, { a: totp, b: rawTotp }, { token });
    expect(read.body).toEqual({ data: { a: { id: totp, type: 'TOTP' }, b: { id: totp, type: 'TOTP' } } });
    const removed = await stack.gql(`mutation ($a: ID!, $b: ID!) { a: deleteMfaAuthenticator(id: $a) b: deleteMfaAuthenticator(id: $b) }`, { a: rawTotp, b: sms }, { token });
    expect(removed.body).toEqual({ data: { a: totp, b: sms } });
  });

  it('refuses the global id of another type as BAD_USER_INPUT on that argument, before any upstream call', async () => {
    const employeeId = globalId('Employee', 5);
    const rehiveCompany = globalId('Company', REHIVE_DEMO_COMPANY, 'rehive');
    const cases: Array<[string, Record<string, string[]>]> = [
      [`{ badge(id: "${employeeId}") { id } }`, { id: ['is an id of type Employee, not Badge'] }],
      [`{ badges(filter: { employeeId: "${globalId('Badge', 5)}" }) { totalCount } }`, { employeeId: ['is an id of type Badge, not Employee'] }],
      [`mutation { updateBadgeStatus(badgeId: "${employeeId}", status: ACTIVE) { id } }`, { badgeId: ['is an id of type Employee, not Badge'] }],
      [`{ leaveRequest(id: "${globalId('HrUser', 2)}") { id } }`, { id: ['is an id of type HrUser, not LeaveRequest'] }],
      [`{ company(id: "${rehiveCompany}") { id } }`, { id: ['is an id of type Company (REHIVE), not Company (FORENSIC)'] }],
      [`{ forensicUsers(companyId: "${rehiveCompany}") { totalCount } }`, { companyId: ['is an id of type Company (REHIVE), not Company (FORENSIC)'] }],
      [`mutation { issueServiceToken(userId: "${globalId('RehiveUser', OZ_ADMIN_ID)}") { id } }`, { userId: ['is an id of type RehiveUser, not ForensicUser'] }],
      [`{ authToken(id: "${globalId('AuthToken', 'abcdef12', 'forensic')}") { id } }`, { id: ['is an id of type AuthToken (FORENSIC), not AuthToken (REHIVE)'] }],
      [`mutation { deliverMfaCode(authenticatorId: "${employeeId}") }`, { authenticatorId: ['is an id of type Employee, not MfaAuthenticator'] }],
      [`mutation { verifyMfaAuthenticator(id: "${employeeId}", code: "") { id } }`, { id: ['is an id of type Employee, not MfaAuthenticator'], code: ['This field may not be blank.'] }],
    ];
    for (const [query, fieldErrors] of cases) {
      const response = await stack.gql(query, {}, { token });
      expect(codes(response), query).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0]!.extensions, query).toEqual({ code: 'BAD_USER_INPUT', fieldErrors });
    }
    for (const upstream of [stack.hr, stack.lenel, stack.forensic, stack.rehive]) expect(upstream.server.requests).toEqual([]);
  });
});
