import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printGatewaySchema } from '../../../src/server.js';

// relay-compiler ships its native binary inside the package; its index resolves the platform's.
const relayCompiler = createRequire(import.meta.url)('relay-compiler') as string | null;

// What a Relay client team writes: paginated lists (@connection, which needs PageInfo's four
// fields and first/after) and refetchable fragments on objects (@refetchable, which needs the Node
// interface and Query.node(id: ID!): Node).
const documents = `
import { graphql } from 'react-relay';

export const badgeList = graphql\`
  fragment AppBadgeList_query on Query
  @refetchable(queryName: "AppBadgeListPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }, status: { type: "BadgeStatus" }) {
    badges(first: $first, after: $after, filter: { status: $status }) @connection(key: "AppBadgeList_badges", filters: ["filter"]) {
      totalCount
      edges { node { id badgeNumber status employee { id fullName } } }
    }
  }
\`;

export const leaveRequests = graphql\`
  fragment AppLeaveRequests_user on HrUser
  @refetchable(queryName: "AppLeaveRequestsPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    fullName
    leaveRequests(first: $first, after: $after) @connection(key: "AppLeaveRequests_leaveRequests") {
      edges { node { id start end status } }
    }
  }
\`;

export const companies = graphql\`
  fragment AppCompanies_query on Query
  @refetchable(queryName: "AppCompaniesPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    companies(first: $first, after: $after) @connection(key: "AppCompanies_companies") {
      edges { node { id name } }
    }
  }
\`;

export const badge = graphql\`
  fragment AppBadge_badge on Badge @refetchable(queryName: "AppBadgeRefetchQuery") {
    id
    status
    statusName
  }
\`;

export const app = graphql\`
  query AppQuery($id: ID!) {
    viewer { hr { ...AppLeaveRequests_user } }
    ...AppBadgeList_query
    ...AppCompanies_query
    node(id: $id) { id ...AppBadge_badge @alias }
  }
\`;
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatehouse-relay-'));
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'schema.graphql'), printGatewaySchema());
  await writeFile(join(dir, 'relay.config.json'), JSON.stringify({ src: './src', schema: './schema.graphql', language: 'typescript' }));
  await writeFile(join(dir, 'src', 'App.ts'), documents);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the schema for Relay clients', () => {
  it.skipIf(relayCompiler === null)('relay-compiler accepts @connection on the lists and @refetchable objects refetched through node', async () => {
    const run = await promisify(execFile)(relayCompiler!, [], { cwd: dir }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect({ code: 'code' in run ? run.code : 0, output: `${run.stdout}${run.stderr}` }).toMatchObject({ code: 0, output: expect.stringContaining('Compilation completed') });
    const generated = (name: string) => readFile(join(dir, 'src', '__generated__', `${name}.graphql.ts`), 'utf8');
    // The refetch query relay-compiler writes for an object goes through Query.node.
    expect(await generated('AppBadgeRefetchQuery')).toContain('node(id: $id)');
    for (const query of ['AppBadgeListPaginationQuery', 'AppLeaveRequestsPaginationQuery', 'AppCompaniesPaginationQuery']) {
      // The operation text is a JSON string in the artifact: its line breaks are written as \n.
      expect(await generated(query)).toMatch(/pageInfo \{(?:\\n| )+endCursor(?:\\n| )+hasNextPage(?:\\n| )+\}/);
    }
  });
});
