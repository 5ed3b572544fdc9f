import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { globalId } from '../../helpers/ids.js';
import { codes, type Stack } from '../../helpers/stack.js';
import { ACME, ADMIN, COMPANY_ADMIN, SERVICE_USER_ID, VERSIONS, calls, expectNoTokensInLogs, startForensicStack } from './helpers.js';

const COMPANIES = `query ($name: String, $first: Int, $after: String) {
  companies(name: $name, first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
}`;
const USERS = `query ($companyId: ID, $first: Int, $after: String) {
  forensicUsers(companyId: $companyId, first: $first, after: $after) { edges { node { id email role company { id name } } } pageInfo { hasNextPage endCursor } }
}`;

describe.each(VERSIONS)('browsing forensic companies and users (API %i)', (version) => {
  let stack: Stack;
  let admin: string;
  const companyIds: string[] = [];
  beforeAll(async () => {
    stack = await startForensicStack(version, { demo: true });
    // 3 companies × 17 users = 51 users besides the demo ones.
    for (const name of ['Alpha Labs', 'Beta Labs', 'Gamma Labs']) {
      const company = stack.forensic.addCompany(name);
      companyIds.push(company.companyId);
      for (let i = 0; i < 17; i++) stack.forensic.addUser({ email: `u${i}@${name.split(' ')[0]!.toLowerCase()}.example.com`, password: 'x-password', role: i === 0 ? 'CLIENT_SERVICE' : 'CLIENT', companyId: company.companyId });
    }
    admin = await stack.signIn('FORENSIC', ADMIN);
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.forensic.server.clearLog());

  it('pages through companies with first/after, asking Oz for one more than the page and, after a cursor, the window around it', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: { body: { data?: { companies: { edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } } =
        await stack.gql(COMPANIES, { first: 2, after }, { token: admin });
      const page = response.body.data!.companies;
      seen.push(...page.edges.map((edge) => edge.node.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(seen).toEqual(['Acme Biometrics', 'Globex Security', 'Alpha Labs', 'Beta Labs', 'Gamma Labs']);
    expect(pages).toBe(3);
    // After a cursor (offset 1, then 3): from 20 before it (here: the start) to one past the page, 20 further on.
    expect(calls(stack)).toEqual(['GET /api/companies/?limit=3&offset=0', 'GET /api/companies/?limit=25&offset=0', 'GET /api/companies/?limit=27&offset=0']);
  });

  it('filters companies by name and counts them only when totalCount is asked for', async () => {
    const response = await stack.gql(`{ companies(name: "labs", first: 1) { totalCount edges { node { name } } pageInfo { hasNextPage } } }`, {}, { token: admin });
    expect(response.body).toEqual({ data: { companies: { totalCount: 3, edges: [{ node: { name: 'Alpha Labs' } }], pageInfo: { hasNextPage: true } } } });
    expect(calls(stack).sort()).toEqual(['GET /api/companies/?limit=1000&name=labs&offset=0', 'GET /api/companies/?limit=2&name=labs&offset=0']);
  });

  it('reads the company of a page of 50 users from 3 companies with 3 company reads', async () => {
    const firstPage = await stack.gql<{ forensicUsers: { pageInfo: { endCursor: string } } }>(`{ forensicUsers(first: 5) { pageInfo { endCursor } } }`, {}, { token: admin });
    stack.forensic.server.clearLog();
    const after = firstPage.body.data!.forensicUsers.pageInfo.endCursor;
    const response = await stack.gql<{ forensicUsers: { edges: Array<{ node: { company: { name: string } } }> } }>(`{ forensicUsers(first: 100, after: "${after}") { edges { node { id company { id name } } } } }`, {}, { token: admin });
    expect(response.body.errors).toBeUndefined();
    const edges = response.body.data!.forensicUsers.edges;
    expect(edges).toHaveLength(50);
    expect(new Set(edges.map((edge) => edge.node.company.name))).toEqual(new Set(['Alpha Labs', 'Beta Labs', 'Gamma Labs']));
    expect(stack.forensic.server.count('GET', '/api/users/')).toBe(1);
    expect(stack.forensic.server.count('GET', /^\/api\/companies\//)).toBe(3);
  });

  it('lists the users of one company and reads their company once', async () => {
    const response = await stack.gql<{ forensicUsers: { edges: Array<{ node: { role: string; company: { id: string } } }>; pageInfo: { hasNextPage: boolean } } }>(
      USERS,
      { companyId: companyIds[1], first: 100 },
      { token: admin },
    );
    const page = response.body.data!.forensicUsers;
    expect(page.edges).toHaveLength(17);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.edges.filter((edge) => edge.node.role === 'CLIENT_SERVICE')).toHaveLength(1);
    expect(new Set(page.edges.map((edge) => edge.node.company.id))).toEqual(new Set([globalId('Company', companyIds[1]!, 'forensic')]));
    expect(calls(stack)).toEqual([`GET /api/users/?company_id=${companyIds[1]}&limit=101&offset=0`, `GET /api/companies/${companyIds[1]}/`]);
  });

  it('lets a CLIENT_ADMIN see only its own company, with the whole shape', async () => {
    const token = await stack.signIn('FORENSIC', COMPANY_ADMIN);
    const response = await stack.gql(
      `{ companies { totalCount edges { node { id upstream name inDeletion } } } forensicUser(id: "${SERVICE_USER_ID}") { email role active analysisPermissions { biometry collection documents quality } company { name } } }`,
      {},
      { token },
    );
    expect(response.body).toEqual({
      data: {
        companies: { totalCount: 1, edges: [{ node: { id: globalId('Company', ACME, 'forensic'), upstream: 'FORENSIC', name: 'Acme Biometrics', inDeletion: false } }] },
        forensicUser: { email: 'svc@oz.example.com', role: 'CLIENT_SERVICE', active: true, analysisPermissions: { biometry: true, collection: true, documents: true, quality: true }, company: { name: 'Acme Biometrics' } },
      },
    });
    // The company came with the list: no separate read for forensicUser.company.
    expect(stack.forensic.server.count('GET', `/api/companies/${ACME}/`)).toBe(0);
  });

  it('rejects a bad cursor and an oversized page before any upstream call', async () => {
    const badCursor = await stack.gql(COMPANIES, { after: 'bm9wZQ' }, { token: admin });
    expect(badCursor.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { after: ['is not a cursor of this list'] } });
    const otherList = await stack.gql(COMPANIES, { after: Buffer.from('ForensicUser:1').toString('base64url') }, { token: admin });
    expect(codes(otherList)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await stack.gql(COMPANIES, { first: 101 }, { token: admin });
    expect(tooMany.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { first: ['must be between 0 and 100'] } });
    expect(stack.forensic.server.requests).toHaveLength(0);
  });

  it('needs a linked forensic account for every forensic field', async () => {
    const response = await stack.gql(`{ companies { totalCount } }`);
    expect(response.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(stack.forensic.server.requests).toHaveLength(0);
  });

  it('keeps tokens out of logs', () => {
    expect(version).toBeDefined();
    expectNoTokensInLogs(stack);
  });
});
