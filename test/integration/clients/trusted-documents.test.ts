import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// What the apps shipped, as graphql-codegen's client preset prints them into persisted-documents.json.
const SIGNED_IN = 'query SignedIn { viewer { signedIn } }';
const HR_NAME = 'query HrName($first: Int) { viewer { hr { fullName leaveRequests(first: $first) { totalCount } } } }';
// stack.signIn's own mutation, so that the tests can sign in when only trusted documents are accepted.
const SIGN_IN = 'mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }';
const MANIFEST = Object.fromEntries([SIGNED_IN, HR_NAME, SIGN_IN].map((document) => [sha256(document), document]));
const UNKNOWN = sha256('query Unknown { viewer { signedIn } }');
const FREE_TEXT = '{ viewer { signedIn accounts { upstream } } }';

const NOT_FOUND = { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] };
const NOT_IN_LIST = {
  errors: [
    {
      message: 'Only trusted documents are accepted: send the id of a document in the persisted-document manifest (documentId, or extensions.persistedQuery.sha256Hash).',
      extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
    },
  ],
};

/** Posts a raw GraphQL-over-HTTP body (the stack's `gql` always sends a query). */
async function post(stack: Stack, body: Record<string, unknown>, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${stack.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A GET with its parameters in the query string, as persisted-query links send them for CDN caching. */
async function get(stack: Stack, params: Record<string, string>) {
  const response = await fetch(`${stack.url}/graphql?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as unknown };
}

const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

let dir: string;
let manifestPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatehouse-trusted-'));
  manifestPath = join(dir, 'persisted-documents.json');
  await writeFile(manifestPath, JSON.stringify(MANIFEST, null, 2));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('trusted documents only (PERSISTED_DOCUMENTS_ONLY=true)', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { PERSISTED_DOCUMENTS: manifestPath, PERSISTED_DOCUMENTS_ONLY: 'true' } });
    token = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.hr.server.clearLog());

  it('runs a known document sent by id, as documentId (with or without the sha256: prefix) or as an APQ hash, by POST and GET', async () => {
    const expected = { status: 200, body: { data: { viewer: { signedIn: false } } } };
    expect(await post(stack, { documentId: `sha256:${sha256(SIGNED_IN)}` })).toEqual(expected);
    expect(await post(stack, { documentId: sha256(SIGNED_IN) })).toEqual(expected);
    expect(await post(stack, { extensions: apq(sha256(SIGNED_IN)) })).toEqual(expected);
    expect(await get(stack, { documentId: `sha256:${sha256(SIGNED_IN)}` })).toEqual(expected);
    expect(await get(stack, { extensions: JSON.stringify(apq(sha256(SIGNED_IN))) })).toEqual(expected);
  });

  it('passes the variables and the session with the id', async () => {
    const byId = await post(stack, { documentId: sha256(HR_NAME), variables: { first: 2 } }, token);
    expect(byId).toEqual({ status: 200, body: { data: { viewer: { hr: { fullName: 'Ana García', leaveRequests: { totalCount: 5 } } } } } });
    const byGet = await get(stack, { extensions: JSON.stringify(apq(sha256(HR_NAME))), variables: JSON.stringify({ first: 1 }) });
    expect(byGet).toEqual({ status: 200, body: { data: { viewer: { hr: null } } } });
  });

  it('refuses an unknown id in either form, without an upstream call', async () => {
    expect(await post(stack, { documentId: `sha256:${UNKNOWN}` }, token)).toEqual({ status: 200, body: NOT_FOUND });
    expect(await post(stack, { extensions: apq(UNKNOWN) }, token)).toEqual({ status: 200, body: NOT_FOUND });
    expect(await get(stack, { documentId: UNKNOWN })).toEqual({ status: 200, body: NOT_FOUND });
    expect(stack.hr.server.requests).toEqual([]);
  });

  it('refuses free text before parsing it, and logs the refusal', async () => {
    expect(await post(stack, { query: FREE_TEXT }, token)).toEqual({ status: 400, body: NOT_IN_LIST });
    // Not even parsed: a syntax error is refused the same way (not GRAPHQL_PARSE_FAILED).
    expect(await post(stack, { query: '{ viewer {' })).toEqual({ status: 400, body: NOT_IN_LIST });
    expect(await get(stack, { query: FREE_TEXT })).toEqual({ status: 400, body: NOT_IN_LIST });
    expect(stack.hr.server.requests).toEqual([]);
    const refusals = stack.logs.map((line) => JSON.parse(line) as { msg: string; status?: number; errorCodes?: string[] }).filter((line) => line.msg === 'request' && line.status === 400);
    expect(refusals.at(-1)).toMatchObject({ route: '/graphql', errorCodes: ['PERSISTED_QUERY_NOT_IN_LIST'] });
  });

  it('lets no client register a document through automatic persisted queries', async () => {
    // Apollo Client's APQ link: the hash first, then hash and text; neither runs, nothing is kept.
    expect(await post(stack, { extensions: apq(sha256(FREE_TEXT)) })).toEqual({ status: 200, body: NOT_FOUND });
    expect(await post(stack, { query: FREE_TEXT, extensions: apq(sha256(FREE_TEXT)) })).toEqual({ status: 400, body: NOT_IN_LIST });
    expect(await post(stack, { extensions: apq(sha256(FREE_TEXT)) })).toEqual({ status: 200, body: NOT_FOUND });
  });

  it('accepts the exact text of a manifest document', async () => {
    expect(await post(stack, { query: SIGNED_IN })).toEqual({ status: 200, body: { data: { viewer: { signedIn: false } } } });
  });
});

describe('trusted documents beside free text (PERSISTED_DOCUMENTS without only-mode)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false, rehive: false, env: { PERSISTED_DOCUMENTS: manifestPath } });
  });
  afterAll(() => stack.close());

  it('runs known ids, and free text as before', async () => {
    expect(await post(stack, { documentId: sha256(SIGNED_IN) })).toEqual({ status: 200, body: { data: { viewer: { signedIn: false } } } });
    expect(await post(stack, { query: FREE_TEXT })).toEqual({ status: 200, body: { data: { viewer: { signedIn: false, accounts: [] } } } });
  });

  it('refuses an unknown documentId, and leaves an unknown APQ hash to automatic persisted queries', async () => {
    expect(await post(stack, { documentId: UNKNOWN })).toEqual({ status: 200, body: NOT_FOUND });
    const hash = sha256(FREE_TEXT);
    expect(await post(stack, { extensions: apq(hash) })).toEqual({ status: 200, body: NOT_FOUND });
    expect(await post(stack, { query: FREE_TEXT, extensions: apq(hash) })).toEqual({ status: 200, body: { data: { viewer: { signedIn: false, accounts: [] } } } });
    expect(await post(stack, { extensions: apq(hash) })).toEqual({ status: 200, body: { data: { viewer: { signedIn: false, accounts: [] } } } });
  });
});

describe("a manifest written by graphql-codegen's client preset (the README's configuration)", () => {
  let stack: Stack;
  let app: string;
  let manifest: Record<string, string>;
  let generated: string;
  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'gatehouse-client-preset-'));
    await mkdir(join(app, 'src'));
    await writeFile(
      join(app, 'src', 'leave.ts'),
      [
        "import { graphql } from './gql';",
        'export const SignIn = graphql(`mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }`);',
        'export const MyLeave = graphql(`query MyLeave($first: Int) { viewer { hr { fullName leaveRequests(first: $first) { totalCount } } } }`);',
      ].join('\n'),
    );
    const { generate } = await import('@graphql-codegen/cli');
    await generate(
      {
        schema: 'schema.graphql',
        documents: [join(app, 'src', '*.ts')],
        silent: true,
        generates: { [join(app, 'src', 'gql') + '/']: { preset: 'client', presetConfig: { persistedDocuments: { hashAlgorithm: 'sha256' } } } },
      },
      true,
    );
    manifest = JSON.parse(await readFile(join(app, 'src', 'gql', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    generated = await readFile(join(app, 'src', 'gql', 'graphql.ts'), 'utf8');
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { PERSISTED_DOCUMENTS: join(app, 'src', 'gql', 'persisted-documents.json'), PERSISTED_DOCUMENTS_ONLY: 'true' } });
  }, 60_000);
  afterAll(async () => {
    await stack.close();
    await rm(app, { recursive: true, force: true });
  });

  it('runs the app’s operations by the hashes the preset embedded in their documents', async () => {
    // What the client sends is the hash the preset put in each generated document (`__meta__`).
    const hashes = [...generated.matchAll(/"__meta__":\{"hash":"sha256:([0-9a-f]{64})"\}/g)].map((match) => match[1]!);
    expect(hashes).toHaveLength(2);
    // The preset writes the keys as GraphQL-over-HTTP document ids.
    expect(Object.keys(manifest).sort()).toEqual(hashes.map((hash) => `sha256:${hash}`).sort());
    const [signIn, myLeave] = [/mutation SignIn/, /query MyLeave/].map((name) => hashes.find((hash) => name.test(manifest[`sha256:${hash}`]!))!);
    const signedIn = await post(stack, { documentId: `sha256:${signIn}`, variables: { input: { upstream: 'HR', login: 'ana.garcia@example.com', password: DEMO_PASSWORD } } });
    const token = (signedIn.body as { data: { signIn: { token: string } } }).data.signIn.token;
    // Apollo Client's persisted-query link with generateHash: (doc) => doc.__meta__.hash sends the prefixed id.
    expect(await post(stack, { extensions: apq(`sha256:${myLeave}`), variables: { first: 1 } }, token)).toEqual({
      status: 200,
      body: { data: { viewer: { hr: { fullName: 'Ana García', leaveRequests: { totalCount: expect.any(Number) } } } } },
    });
    // The documents' own text, as the preset printed it, is trusted too; anything else is not.
    expect((await post(stack, { query: manifest[`sha256:${myLeave}`], variables: { first: 1 } }, token)).status).toBe(200);
    expect(await post(stack, { query: 'query MyLeave { viewer { signedIn } }' }, token)).toEqual({ status: 400, body: NOT_IN_LIST });
  });
});
