import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { startStack, type GraphQLResponse, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const byPath = (errors: NonNullable<GraphQLResponse['body']['errors']>) => [...errors].sort((a, b) => String(a.path).localeCompare(String(b.path)));

describe('one failing upstream nulls only its own field', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    // A high circuit threshold: both tests' HR failures count against one circuit.
    stack = await startStack({ env: { CIRCUIT_FAILURE_THRESHOLD: '100' } });
    stack.lenel.addUser({ username: 'partial-viewer', password: DEMO_PASSWORD, role: 'viewer' });
    token = await stack.signIn('HR', 'ana.garcia@example.com');
    token = await stack.signIn('LENEL', 'partial-viewer', { token });
    // An OPERATOR: Oz lets only ADMIN and CLIENT_ADMIN list companies.
    token = await stack.signIn('FORENSIC', 'operator@oz.example.com', { token });
  });
  afterAll(() => stack.close());

  it('the HR profile answers when its leave-request list fails', async () => {
    stack.hr.server.clearLog();
    stack.hr.server.addFault({ method: 'GET', path: '/api/leave-requests/', sequence: [503, 503, 503] });
    const response = await stack.gql(`{ viewer { hr { fullName leaveRequests { totalCount } } } }`, {}, { token });
    expect(response.body).toEqual({
      data: { viewer: { hr: { fullName: 'Ana García', leaveRequests: null } } },
      errors: [
        {
          message: 'The hr service answered 503.',
          locations: expect.any(Array),
          path: ['viewer', 'hr', 'leaveRequests'],
          extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' },
        },
      ],
    });
    // the first try and two retries
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(3);
  });

  it('HR down, forensic forbidden, rehive not linked: the session and the badges still answer', async () => {
    await stack.hr.close();
    stack.lenel.server.clearLog();
    stack.forensic.server.clearLog();
    stack.rehive.server.clearLog();
    const response = await stack.gql(
      `{
        viewer { signedIn accounts { upstream } }
        badges(first: 2) { totalCount edges { node { id status } } }
        leaveRequests { totalCount }
        companies { totalCount }
        authTokens { id }
      }`,
      {},
      { token },
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      viewer: { signedIn: true, accounts: [{ upstream: 'LENEL' }, { upstream: 'FORENSIC' }, { upstream: 'HR' }] },
      badges: { totalCount: 60, edges: [{ node: { id: globalId('Badge', 1), status: 'ACTIVE' } }, { node: { id: globalId('Badge', 2), status: 'ACTIVE' } }] },
      leaveRequests: null,
      companies: null,
      authTokens: null,
    });
    // Errors arrive in the order the upstreams answer: compared by path.
    expect(byPath(response.body.errors!)).toEqual([
      { message: 'Sign in to rehive first.', locations: expect.any(Array), path: ['authTokens'], extensions: { code: 'UNAUTHENTICATED', upstream: 'REHIVE' } },
      { message: 'Your forensic role does not allow this.', locations: expect.any(Array), path: ['companies'], extensions: { code: 'FORBIDDEN', upstream: 'FORENSIC' } },
      { message: 'The hr service could not be reached.', locations: expect.any(Array), path: ['leaveRequests'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } },
    ]);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
    // a 403 is not retried; an unlinked upstream is never called
    expect(stack.forensic.server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/companies/']);
    expect(stack.rehive.server.requests).toEqual([]);
  });
});
