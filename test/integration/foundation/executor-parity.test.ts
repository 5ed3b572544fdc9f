import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee } from '../../../src/emulators/lenel/model.js';
import { startStack, type GraphQLResponse, type Stack } from '../../helpers/stack.js';

/**
 * Queries run compiled (graphql-jit, the default, from a document's second execution on) or on graphql-js (EXECUTOR=graphql-js): both must
 * give the same answers, byte for byte, including errors, denials, partial results and nulls. Two
 * identical stacks get the same requests; where several upstreams answer in parallel the errors'
 * order is theirs, so those answers are compared with the errors sorted by path.
 */
interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The caller's session: signed in to hr, lenel and forensic, or none. */
  as?: 'none';
  /** Errors from several upstreams arrive in the order they answer. */
  unordered?: boolean;
}

const CASES: Case[] = [
  { name: '__typename', query: '{ __typename viewer { __typename signedIn } }' },
  { name: 'the viewer and its accounts', query: '{ viewer { signedIn accounts { upstream login } hr { fullName email } } }' },
  { name: 'badges with their cardholders', query: '{ badges(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id badgeNumber status statusCode statusName type activatedAt deactivatedAt lastChangedAt employee { id fullName email department } } } } }' },
  {
    name: 'named and inline fragments, aliases, variables',
    query: `query Q($first: Int!, $status: BadgeStatus) {
      a: badges(first: $first, filter: { status: $status }) { ...Page }
      b: badges(first: 1) { edges { node { ... on Badge { id employee { ...Person } } } } }
    }
    fragment Page on BadgeConnection { totalCount edges { node { id status } } }
    fragment Person on Employee { fullName badges { id } }`,
    variables: { first: 3, status: 'ACTIVE' },
  },
  {
    name: '@skip and @include',
    query: 'query Q($yes: Boolean!, $no: Boolean!) { badges(first: 2) { totalCount @include(if: $no) edges @include(if: $yes) { node { id status @skip(if: $yes) badgeNumber @skip(if: $no) } } } }',
    variables: { yes: true, no: false },
  },
  { name: 'employees, search and their badges', query: '{ employees(first: 3, filter: { search: "an" }) { totalCount edges { node { id fullName employeeNumber badges(status: ACTIVE) { id status } } } } }' },
  { name: 'a badge that does not exist', query: '{ badge(id: "999999") { id } employee(id: "424242") { id } }' },
  { name: 'an invalid argument', query: '{ badge(id: "abc") { id } }' },
  { name: 'a page size beyond the limit', query: '{ badges(first: 1000) { totalCount } }' },
  { name: 'an unknown cursor', query: '{ badges(first: 2, after: "bm90LWEtY3Vyc29y") { totalCount } }' },
  { name: 'denied: lenel without a session', query: '{ viewer { signedIn } badges(first: 1) { totalCount } }', as: 'none' },
  { name: 'denied: forensic role', query: '{ companies { totalCount } forensicUsers { totalCount } }', unordered: true },
  { name: 'rehive not linked', query: '{ authTokens { id } mfaAuthenticators { id } }', unordered: true },
  { name: 'an unexpected error is masked', query: '{ employees(first: 100, filter: { search: "Odd" }) { edges { node { id fullName } } } }' },
  { name: 'the employee link', query: '{ viewer { hr { employee { id fullName badges { id status } } } } }' },
  { name: 'leave requests', query: '{ leaveRequests(first: 2) { totalCount edges { node { id start end type status } } } }' },
  { name: 'introspection of one type', query: '{ __type(name: "Badge") { name kind fields { name type { name kind ofType { name kind } } } } }' },
  { name: 'validation: an unknown field', query: '{ badges { nope } }' },
  { name: 'deep nesting', query: '{ viewer { hr { employee { badges { employee { badges { employee { badges { id } } } } } } } } }' },
  { name: 'validation: too deep', query: '{ viewer { hr { employee { badges { employee { badges { employee { badges { employee { badges { employee { badges { employee { badges { id } } } } } } } } } } } } } } }' },
  { name: 'a variable of the wrong type', query: 'query Q($first: Int) { badges(first: $first) { totalCount } }', variables: { first: 'ten' } },
  {
    name: 'partial results across upstreams',
    query: '{ viewer { signedIn } badges(first: 1) { totalCount } leaveRequests { totalCount } companies { totalCount } authTokens { id } }',
    unordered: true,
  },
];

async function stackWith(executor: 'jit' | 'graphql-js'): Promise<{ stack: Stack; token: string }> {
  const stack = await startStack({ env: { EXECUTOR: executor } });
  // A cardholder whose middle name is a number: fullName throws a TypeError, which is masked.
  stack.lenel.addEmployee({ first_name: 'Mia', middle_name: 42 as unknown as Employee['middle_name'], last_name: 'Odd' });
  let token = await stack.signIn('HR', 'ana.garcia@example.com');
  token = await stack.signIn('LENEL', 'viewer', { token });
  token = await stack.signIn('FORENSIC', 'operator@oz.example.com', { token });
  return { stack, token };
}

const sortedErrors = (response: GraphQLResponse) => ({
  status: response.status,
  data: response.body.data,
  errors: [...(response.body.errors ?? [])].sort((a, b) => String(a.path).localeCompare(String(b.path))),
});

describe('graphql-jit and graphql-js give the same answers', () => {
  let jit: { stack: Stack; token: string };
  let js: { stack: Stack; token: string };
  beforeAll(async () => {
    [jit, js] = await Promise.all([stackWith('jit'), stackWith('graphql-js')]);
  });
  afterAll(() => Promise.all([jit.stack.close(), js.stack.close()]));

  it.each(CASES)('$name', async ({ query, variables, as, unordered }) => {
    const ask = ({ stack, token }: { stack: Stack; token: string }) => stack.gql(query, variables, as === 'none' ? {} : { token });
    // One after the other: the emulators' state (and so the answers) must not depend on timing.
    // The jit stack compiles a document when it runs it the second time: the first run is on graphql-js.
    await ask(jit);
    const compiled = await ask(jit);
    const interpreted = await ask(js);
    if (unordered) expect(sortedErrors(compiled)).toEqual(sortedErrors(interpreted));
    else {
      expect(compiled.status).toBe(interpreted.status);
      expect(compiled.text).toBe(interpreted.text);
    }
    // Each case is meant to exercise something: an answer that is only a failure would prove little.
    expect(compiled.text.length).toBeGreaterThan(20);
  });

  it('mutations run on graphql-js under both settings: aliased fields stop at the first failed non-null one', async () => {
    const query = `mutation { a: signIn(input: { upstream: HR, login: "ana.garcia@example.com", password: "wrong-1" }) { token } b: signIn(input: { upstream: HR, login: "ana.garcia@example.com", password: "wrong-2" }) { token } }`;
    const compiled = await jit.stack.gql(query);
    const interpreted = await js.stack.gql(query);
    expect(compiled.text).toBe(interpreted.text);
    expect(compiled.body.errors?.map((error) => error.path)).toEqual([['a']]);
    // The set-up's sign-in and the first alias; graphql-jit would have gone on to ask HR again.
    expect([jit.stack.hr.server.count('POST', '/api/auth/token'), js.stack.hr.server.count('POST', '/api/auth/token')]).toEqual([2, 2]);
  });
});
