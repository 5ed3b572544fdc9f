import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const PROFILE_FIELDS = `id email firstName middleName lastName idNumber birthDate language gender title maritalStatus nationality residency timezone`;

describe('a Rehive user reads their whole profile', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false });
  });
  afterAll(() => stack.close());

  it('registers with every profile field and reads each one back from GET /3/auth/', async () => {
    const registered = await stack.gql<{ register: { token: string } }>(`mutation R($input: RegisterInput!) { register(input: $input) { token } }`, {
      input: {
        email: 'profiled@rehive.example.com',
        password: 'Sturdy-passphrase-77',
        company: REHIVE_DEMO_COMPANY,
        firstName: 'Ada',
        lastName: 'Lovelace',
        idNumber: 'ID-1815',
        birthDate: '1815-12-10',
        language: 'en-GB',
        gender: 'FEMALE',
        title: 'MS',
        maritalStatus: 'MARRIED',
        nationality: 'GB',
        residency: 'IE',
        timezone: 'Europe/London',
      },
    });
    expect(registered.body.errors).toBeUndefined();
    const token = registered.body.data!.register.token;
    stack.rehive.server.clearLog();

    const response = await stack.gql(`{ viewer { rehive { ${PROFILE_FIELDS} } } }`, {}, { token });
    expect(response.body).toEqual({
      data: {
        viewer: {
          rehive: {
            id: globalId('RehiveUser', stack.rehive.user('profiled@rehive.example.com')!.id),
            email: 'profiled@rehive.example.com',
            firstName: 'Ada',
            // Rehive's register schema has no middle name: it holds an empty one, and Gatehouse says so.
            middleName: '',
            lastName: 'Lovelace',
            idNumber: 'ID-1815',
            birthDate: '1815-12-10',
            language: 'en-GB',
            gender: 'FEMALE',
            title: 'MS',
            maritalStatus: 'MARRIED',
            nationality: 'GB',
            residency: 'IE',
            timezone: 'Europe/London',
          },
        },
      },
    });
    expect(stack.rehive.server.count('GET', '/3/auth/')).toBe(1);
  });

  it('answers null for the choices and dates a user never set', async () => {
    const token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: REHIVE_DEMO_COMPANY });
    const response = await stack.gql(`{ viewer { rehive { ${PROFILE_FIELDS} } } }`, {}, { token });
    expect(response.body).toEqual({
      data: {
        viewer: {
          rehive: {
            id: globalId('RehiveUser', stack.rehive.user('demo@rehive.example.com')!.id),
            email: 'demo@rehive.example.com',
            firstName: 'Demo',
            middleName: '',
            lastName: 'User',
            idNumber: null,
            birthDate: null,
            language: 'en',
            gender: null,
            title: null,
            maritalStatus: null,
            nationality: null,
            residency: null,
            timezone: null,
          },
        },
      },
    });
  });
});

describe("a Rehive user's company name", () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false });
    token = await stack.signIn('REHIVE', 'demo@rehive.example.com', { company: REHIVE_DEMO_COMPANY });
  });
  afterAll(() => stack.close());

  it('is read from GET /3/company/ once per request, and only when a query asks for it', async () => {
    stack.rehive.server.clearLog();
    const named = await stack.gql(`{ viewer { rehive { company { id upstream name } again: company { name } } } }`, {}, { token });
    expect(named.body).toEqual({
      data: { viewer: { rehive: { company: { id: globalId('Company', REHIVE_DEMO_COMPANY, 'rehive'), upstream: 'REHIVE', name: 'Gatehouse demo' }, again: { name: 'Gatehouse demo' } } } },
    });
    expect(stack.rehive.server.count('GET', '/3/company/')).toBe(1);

    stack.rehive.server.clearLog();
    const unnamed = await stack.gql(`{ viewer { rehive { company { id upstream } } } }`, {}, { token });
    expect(unnamed.body).toEqual({ data: { viewer: { rehive: { company: { id: globalId('Company', REHIVE_DEMO_COMPANY, 'rehive'), upstream: 'REHIVE' } } } } });
    expect(stack.rehive.server.count('GET', '/3/company/')).toBe(0);
  });

  it('is null when Rehive refuses to show the company, and an error of its own when Rehive fails', async () => {
    // 403 for the first read; 503 for the next one and both its retries.
    stack.rehive.server.addFault({ path: '/3/company/', sequence: [403, 503, 503, 503] });
    const refused = await stack.gql(`{ viewer { rehive { email company { id name } } } }`, {}, { token });
    expect(refused.body).toEqual({ data: { viewer: { rehive: { email: 'demo@rehive.example.com', company: { id: globalId('Company', REHIVE_DEMO_COMPANY, 'rehive'), name: null } } } } });

    const failed = await stack.gql(`{ viewer { rehive { email company { id name } } } }`, {}, { token });
    expect(failed.body.data).toEqual({ viewer: { rehive: { email: 'demo@rehive.example.com', company: { id: globalId('Company', REHIVE_DEMO_COMPANY, 'rehive'), name: null } } } });
    expect(failed.body.errors!.map((e) => [e.path, e.extensions])).toEqual([[['viewer', 'rehive', 'company', 'name'], { code: 'UPSTREAM_UNAVAILABLE', upstream: 'REHIVE' }]]);
    expect(codes(await stack.gql(`{ viewer { rehive { company { name } } } }`, {}, { token }))).toEqual([]);
  });
});
