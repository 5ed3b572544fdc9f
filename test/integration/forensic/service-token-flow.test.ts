import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, rawId } from '../../helpers/ids.js';
import type { Stack } from '../../helpers/stack.js';
import { ACME, ACME_ID, ADMIN, COMPANY_ADMIN, SERVICE_USER_ID, USER_FIELDS, VERSIONS, bodiesOf, expectNoTokensInLogs, startForensicStack } from './helpers.js';

const CREATE_USER = `mutation ($input: CreateForensicUserInput!) { createForensicUser(input: $input) { ${USER_FIELDS} } }`;
const ISSUE = `mutation ($userId: ID!) { issueServiceToken(userId: $userId) { id upstream label userId createdAt expiresAt secret sessionId } }`;

describe.each(VERSIONS)('issuing a service token as in the Oz guide (API %i)', (version) => {
  let stack: Stack;
  const secrets: string[] = [];
  beforeAll(async () => {
    stack = await startForensicStack(version);
  });
  afterAll(() => stack.close());

  it('signs in as admin, creates a company, a CLIENT_SERVICE user and its service token, which then works against Oz', async () => {
    const signIn = await stack.gql<{ signIn: { token: string; account: unknown } }>(
      `mutation { signIn(input: { upstream: FORENSIC, login: "${ADMIN}", password: "Gatehouse-demo-2026" }) { token account { upstream login userId roles mfaPending } } }`,
    );
    expect(signIn.body.errors).toBeUndefined();
    expect(signIn.body.data!.signIn.account).toEqual({ upstream: 'FORENSIC', login: ADMIN, userId: '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d701', roles: ['ADMIN'], mfaPending: false });
    const token = signIn.body.data!.signIn.token;

    const company = await stack.gql<{ createCompany: { id: string } }>(`mutation { createCompany(name: "Initech") { id upstream name inDeletion technicalMetaData } }`, {}, { token });
    expect(company.body.errors).toBeUndefined();
    // Global ids go back into the arguments below; the emulator knows the upstream's own.
    const companyId = company.body.data!.createCompany.id;
    const ozCompanyId = rawId(companyId);
    expect(companyId).toBe(globalId('Company', ozCompanyId, 'forensic'));
    // The guide's step 2 answer: `technical_meta_data: {}` for a company created with a name alone.
    expect(company.body.data!.createCompany).toEqual({ id: companyId, upstream: 'FORENSIC', name: 'Initech', inDeletion: false, technicalMetaData: {} });
    expect(bodiesOf(stack, 'POST', '/api/companies/')).toEqual([{ name: 'Initech' }]);

    const input = {
      companyId,
      email: 'svc@initech.example.com',
      password: 'a-long-service-password',
      firstName: 'john',
      lastName: 'doe',
      role: 'CLIENT_SERVICE',
      analysisPermissions: { biometry: true, collection: true, documents: true, quality: true },
    };
    const user = await stack.gql<{ createForensicUser: { id: string } }>(CREATE_USER, { input }, { token });
    expect(user.body.errors).toBeUndefined();
    const userId = user.body.data!.createForensicUser.id;
    const ozUserId = rawId(userId);
    expect(userId).toBe(globalId('ForensicUser', ozUserId));
    expect(user.body.data!.createForensicUser).toEqual({
      id: userId,
      upstream: 'FORENSIC',
      email: 'svc@initech.example.com',
      firstName: 'john',
      lastName: 'doe',
      // The guide sends `"middle_name": ""`; Oz keeps it, and so does the answer.
      middleName: '',
      fullName: 'john doe',
      role: 'CLIENT_SERVICE',
      active: true,
      company: { id: companyId, upstream: 'FORENSIC', name: 'Initech', inDeletion: false },
      analysisPermissions: { biometry: true, collection: true, documents: true, quality: true },
    });
    // The company was created by an earlier request (per-request loaders): one read for it here.
    expect(stack.forensic.server.count('GET', `/api/companies/${ozCompanyId}/`)).toBe(1);

    // The backend received its own version's spelling.
    const [sent] = bodiesOf(stack, 'POST', '/api/users/');
    const flags = version === 6 ? 'can_start_analysis' : 'can_start_analyse';
    const profile = {
      company_id: ozCompanyId,
      first_name: 'john',
      last_name: 'doe',
      middle_name: '',
      [`${flags}_biometry`]: true,
      [`${flags}_collection`]: true,
      [`${flags}_documents`]: true,
      [`${flags}_quality`]: true,
      ...(version === 6 ? { user_type: 'CLIENT_SERVICE' } : { user_type: 'CLIENT', is_admin: false, is_service: true }),
    };
    expect(sent).toEqual({ credentials: { email: 'svc@initech.example.com', password: 'a-long-service-password' }, profile });

    const issued = await stack.gql<{ issueServiceToken: { secret: string; id: string; expiresAt: string } }>(ISSUE, { userId }, { token });
    expect(issued.body.errors).toBeUndefined();
    const serviceToken = issued.body.data!.issueServiceToken;
    const record = stack.forensic.tokens.find((t) => t.kind === 'service' && t.userId === ozUserId)!;
    expect(serviceToken).toEqual({
      id: globalId('AuthToken', record.tokenId!, 'forensic'),
      upstream: 'FORENSIC',
      label: null,
      userId: ozUserId,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expiresAt: new Date(record.expiresAt).toISOString(),
      secret: record.accessToken,
      // The guide's step 4 answer carries `session_id` (0 for a service token).
      sessionId: String(record.sessionId),
    });
    secrets.push(serviceToken.secret);
    // Five years, as Oz gives service users.
    expect(Date.parse(serviceToken.expiresAt) - Date.now()).toBeGreaterThan(4 * 365 * 24 * 3600 * 1000);

    // The service token authenticates against the emulator directly.
    expect(stack.forensic.isValidToken(serviceToken.secret)).toBe(true);
    const direct = await fetch(`${stack.forensic.url}/api/users/${ozUserId}/`, { headers: { 'x-forensic-access-token': serviceToken.secret } });
    expect(direct.status).toBe(200);
    expect(((await direct.json()) as { email: string }).email).toBe('svc@initech.example.com');
  });

  it('shows the signed-in user as viewer.forensic, normalised, with no upstream call but the company read', async () => {
    const token = await stack.signIn('FORENSIC', COMPANY_ADMIN);
    stack.forensic.server.clearLog();
    const viewer = await stack.gql(`{ viewer { accounts { upstream roles } forensic { ${USER_FIELDS} } } }`, {}, { token });
    expect(viewer.body.errors).toBeUndefined();
    expect(viewer.body.data).toEqual({
      viewer: {
        accounts: [{ upstream: 'FORENSIC', roles: ['CLIENT_ADMIN'] }],
        forensic: {
          id: globalId('ForensicUser', '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d702'),
          upstream: 'FORENSIC',
          email: COMPANY_ADMIN,
          firstName: 'Carl',
          lastName: 'Acme',
          middleName: '',
          fullName: 'Carl Acme',
          role: 'CLIENT_ADMIN',
          active: true,
          company: { id: ACME_ID, upstream: 'FORENSIC', name: 'Acme Biometrics', inDeletion: false },
          analysisPermissions: { biometry: true, collection: true, documents: true, quality: true },
        },
      },
    });
    expect(stack.forensic.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/companies/${ACME}/`]);
  });

  it('lets a CLIENT_ADMIN issue a token for its own company’s service user; each call issues a new one', async () => {
    const token = await stack.signIn('FORENSIC', COMPANY_ADMIN);
    const first = await stack.gql<{ issueServiceToken: { secret: string } }>(ISSUE, { userId: SERVICE_USER_ID }, { token });
    const second = await stack.gql<{ issueServiceToken: { secret: string } }>(ISSUE, { userId: SERVICE_USER_ID }, { token });
    expect(first.body.errors).toBeUndefined();
    const a = first.body.data!.issueServiceToken.secret;
    const b = second.body.data!.issueServiceToken.secret;
    secrets.push(a, b);
    expect(a).not.toBe(b);
    expect(stack.forensic.isValidToken(a) && stack.forensic.isValidToken(b)).toBe(true);
    // GET, as in the guide; the emulator saw exactly these two.
    expect(stack.forensic.server.count('GET', `/api/authorize/service_token/${SERVICE_USER_ID}`)).toBe(2);
  });

  it('creates a company with technical metadata, which Oz keeps and the gateway reads back; refuses a value that is not an object', async () => {
    const token = await stack.signIn('FORENSIC', ADMIN);
    const technicalMetaData = { region: 'eu-west', tier: 2, contacts: ['ops@globex.example.com'], flags: { beta: true } };
    stack.forensic.server.clearLog();
    const created = await stack.gql<{ createCompany: { id: string } }>(
      `mutation C($meta: JSONObject) { createCompany(name: "Globex", technicalMetaData: $meta) { id name technicalMetaData } }`,
      { meta: technicalMetaData },
      { token },
    );
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data!.createCompany.id;
    expect(created.body.data!.createCompany).toEqual({ id, name: 'Globex', technicalMetaData });
    expect(bodiesOf(stack, 'POST', '/api/companies/')).toEqual([{ name: 'Globex', technical_meta_data: technicalMetaData }]);

    const read = await stack.gql(`query R($id: ID!) { company(id: $id) { technicalMetaData } }`, { id }, { token });
    expect(read.body).toEqual({ data: { company: { technicalMetaData } } });

    stack.forensic.server.clearLog();
    const notObject = await stack.gql(`mutation C($meta: JSONObject) { createCompany(name: "Umbrella", technicalMetaData: $meta) { id } }`, { meta: ['a'] }, { token });
    expect(notObject.body.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT']);
    expect(Object.keys(notObject.body.errors![0]!.extensions!.fieldErrors as object)).toEqual(['technicalMetaData']);
    expect(stack.forensic.server.requests).toHaveLength(0);
  });

  it('keeps every token and password out of the gateway log', () => {
    expectNoTokensInLogs(stack, [...secrets, 'a-long-service-password', 'Gatehouse-demo-2026']);
  });
});

describe('issueServiceToken when the upstream answers 503', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startForensicStack(6);
  });
  afterAll(() => stack.close());

  it('is not retried, because every call mints a new token', async () => {
    const token = await stack.signIn('FORENSIC', ADMIN);
    stack.forensic.server.clearLog();
    stack.forensic.server.addFault({ path: `/api/authorize/service_token/${SERVICE_USER_ID}`, sequence: [503, 'pass'] });
    const response = await stack.gql(`mutation { issueServiceToken(userId: "${SERVICE_USER_ID}") { id secret } }`, {}, { token });
    expect(response.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', upstream: 'FORENSIC' }]);
    expect(stack.forensic.server.count('GET', `/api/authorize/service_token/${SERVICE_USER_ID}`)).toBe(1);
  });

  it('hands out the token when Oz sends an expire_date beyond what a date can hold, with expiresAt null', async () => {
    const token = await stack.signIn('FORENSIC', ADMIN);
    const lifetime = stack.forensic.serviceLifetimeSeconds;
    stack.forensic.serviceLifetimeSeconds = 1e13;
    try {
      const response = await stack.gql(`mutation { issueServiceToken(userId: "${SERVICE_USER_ID}") { upstream userId expiresAt secret } }`, {}, { token });
      const record = stack.forensic.tokens.at(-1)!;
      expect(record.expiresAt).toBeGreaterThan(8.64e15);
      expect(response.body).toEqual({ data: { issueServiceToken: { upstream: 'FORENSIC', userId: SERVICE_USER_ID, expiresAt: null, secret: record.accessToken } } });
    } finally {
      stack.forensic.serviceLifetimeSeconds = lifetime;
    }
  });
});
