import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const NEW_LEAVE = `mutation { createLeaveRequest(input: { start: "2031-01-07T00:00:00Z", end: "2031-01-08T00:00:00Z", type: VACATION }) { id } }`;

describe('HR faults are reported on the HR fields only', () => {
  let stack: Stack;
  let ana: string;
  let hrHost: string;

  beforeAll(async () => {
    // A deadline well under the injected latency; a high circuit minimum so these faults do not open it.
    stack = await startStack({ env: { UPSTREAM_DEADLINE_MS: '1000', CIRCUIT_MIN_CALLS: '100' } });
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
    hrHost = new URL(stack.hr.url).host;
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.hr.server.clearFaults();
    stack.hr.server.clearLog();
  });

  it('dropped connections → UPSTREAM_UNAVAILABLE on viewer.hr; the other fields still resolve', async () => {
    stack.hr.server.addFault({ path: '/api/auth/me/', sequence: ['drop', 'drop', 'drop'] });
    const response = await stack.gql(`{ viewer { signedIn accounts { upstream } hr { id } } }`, {}, { token: ana });
    expect(response.body).toEqual({
      data: { viewer: { signedIn: true, accounts: [{ upstream: 'HR' }], hr: null } },
      errors: [{ message: 'The hr service could not be reached.', locations: expect.any(Array), path: ['viewer', 'hr'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } }],
    });
    // the first try and two retries (UPSTREAM_RETRIES default 2)
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(3);
  });

  it('a slow GET → UPSTREAM_TIMEOUT without waiting for the upstream, no outcome', async () => {
    stack.hr.server.addFault({ method: 'GET', path: '/api/leave-requests/', latencyMs: 5_000 });
    const started = Date.now();
    const response = await stack.gql(`{ viewer { signedIn } leaveRequests { totalCount } }`, {}, { token: ana });
    const elapsed = Date.now() - started;
    expect(response.body).toEqual({
      data: { viewer: { signedIn: true }, leaveRequests: null },
      errors: [{ message: 'The hr service did not answer in time.', locations: expect.any(Array), path: ['leaveRequests'], extensions: { code: 'UPSTREAM_TIMEOUT', upstream: 'HR' } }],
    });
    // a timeout is not retried
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(1);
    expect(elapsed).toBeLessThan(4_000);
  });

  it('a 503 then 200 on a GET is retried once and succeeds', async () => {
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: [503] });
    const response = await stack.gql(`{ viewer { hr { id } } }`, {}, { token: ana });
    expect(response.body).toEqual({ data: { viewer: { hr: { id: globalId('HrUser', 1) } } } });
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(2);
  });

  it('a 503 on a POST is not retried', async () => {
    stack.hr.server.addFault({ method: 'POST', path: '/api/leave-requests/', sequence: [503] });
    const response = await stack.gql(NEW_LEAVE, {}, { token: ana });
    expect(response.body.errors).toMatchObject([{ message: 'The hr service answered 503.', extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } }]);
    expect(response.text).not.toContain('nginx');
    expect(stack.hr.server.count('POST', '/api/leave-requests/')).toBe(1);
  });

  it('a POST that times out → UPSTREAM_TIMEOUT with outcome UNKNOWN', async () => {
    stack.hr.server.addFault({ method: 'POST', path: '/api/leave-requests/', latencyMs: 3_000 });
    const response = await stack.gql(NEW_LEAVE, {}, { token: ana });
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'The hr service did not answer in time; the change may or may not have been applied.',
          locations: expect.any(Array),
          path: ['createLeaveRequest'],
          extensions: { code: 'UPSTREAM_TIMEOUT', upstream: 'HR', outcome: 'UNKNOWN' },
        },
      ],
    });
    expect(stack.hr.server.count('POST', '/api/leave-requests/')).toBe(1);
  });

  it('a 429 with Retry-After → RATE_LIMITED with retryAfterSeconds', async () => {
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: [429], retryAfterSeconds: 3 });
    const response = await stack.gql(`{ viewer { hr { id } } }`, {}, { token: ana });
    expect(response.body.errors).toMatchObject([{ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3, upstream: 'HR' } }]);
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(1);
  });

  it('a Django APPEND_SLASH redirect is UPSTREAM_ERROR and never followed', async () => {
    // the emulator redirects a path without its trailing slash; here every PUT is answered with a 301
    stack.hr.server.addFault({ method: 'PUT', path: '/api/auth/me/', sequence: [301] });
    const response = await stack.gql(`mutation { updateHrProfile(input: { firstName: "Ana", lastName: "García" }) { id } }`, {}, { token: ana });
    expect(response.body.errors).toMatchObject([{ message: 'The hr service redirected the request (301).', extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR' } }]);
    // the profile read for the current e-mail, then the one PUT: the redirect is not followed
    expect(stack.hr.server.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('HR down (port closed) → UPSTREAM_UNAVAILABLE on HR fields; session fields still resolve', async () => {
    await stack.hr.close();
    const response = await stack.gql(`{ viewer { signedIn accounts { upstream } hr { id } } }`, {}, { token: ana });
    expect(response.body).toEqual({
      data: { viewer: { signedIn: true, accounts: [{ upstream: 'HR' }], hr: null } },
      errors: [{ message: 'The hr service could not be reached.', locations: expect.any(Array), path: ['viewer', 'hr'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } }],
    });
    const signIn = await stack.gql(`mutation { signIn(input: { upstream: HR, login: "john.doe@example.com", password: "x" }) { token } }`);
    expect(signIn.body.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } }]);
  });

  it('leaks no upstream URL in responses or logs', () => {
    expect(stack.logs.length).toBeGreaterThan(0);
    expect(stack.logs.join('\n')).not.toContain(hrHost);
  });
});

describe('an HR answer whose body stalls', () => {
  let stack: Stack;
  let ana: string;

  beforeAll(async () => {
    // A body timeout well under the deadline, so that it is the body timeout that ends the call.
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { UPSTREAM_BODY_TIMEOUT_MS: '300' } });
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());

  it('→ UPSTREAM_TIMEOUT, and the call is counted as a timeout', async () => {
    stack.hr.server.clearLog();
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: ['stall-body'] });
    const response = await stack.gql(`{ viewer { hr { id } } }`, {}, { token: ana });
    expect(response.body).toEqual({
      data: { viewer: { hr: null } },
      errors: [{ message: 'The hr service did not answer in time.', locations: expect.any(Array), path: ['viewer', 'hr'], extensions: { code: 'UPSTREAM_TIMEOUT', upstream: 'HR' } }],
    });
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(1);
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics.match(/^gatehouse_upstream_requests_total\{upstream="hr",route="\/api\/auth\/me\/",status="[^"]+"\} \d+$/gm)).toEqual([
      'gatehouse_upstream_requests_total{upstream="hr",route="/api/auth/me/",status="timeout"} 1',
    ]);
  });
});
