import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { globalId } from '../helpers/ids.js';

describe('a first session against the HR emulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('signs in to HR and reads the profile and leave requests in one request', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    stack.hr.server.clearLog();
    const response = await stack.gql(
      `{ viewer { signedIn accounts { upstream login } hr { id fullName leaveRequests(first: 2) { totalCount edges { node { id owner { email } } } } } } }`,
      {},
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toMatchObject({
      viewer: { signedIn: true, accounts: [{ upstream: 'HR', login: 'ana.garcia@example.com' }], hr: { id: globalId('HrUser', 1), fullName: 'Ana García', leaveRequests: { totalCount: 5 } } },
    });
    // profile once (shared by viewer.hr and every owner), list once
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(1);
    expect(stack.hr.server.count('GET', '/api/leave-requests/')).toBe(1);
  });

  it('tags every log line of a request, upstream calls included, with its request id', async () => {
    const token = await stack.signIn('HR', 'john.doe@example.com');
    const response = await stack.gql(`{ viewer { hr { id } } }`, {}, { token, headers: { 'x-request-id': 'trace-42' } });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    const upstreamLines = stack.logs.map((line) => JSON.parse(line) as { msg: string; requestId?: string; route?: string }).filter((line) => line.msg === 'upstream call' && line.requestId === 'trace-42');
    expect(upstreamLines.map((line) => line.route)).toEqual(['/api/auth/me/']);
    // A malformed id is replaced by a fresh one.
    const other = await stack.gql(`{ viewer { signedIn } }`, {}, { headers: { 'x-request-id': 'bad id\n' } });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers healthz, readyz and metrics', async () => {
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${stack.url}/readyz`)).json()) as { upstreams: Record<string, string> };
    expect(ready.upstreams.hr).toBe('closed');
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toContain('gatehouse_graphql_requests_total');
    expect(metrics).toContain('gatehouse_upstream_requests_total{upstream="hr"');
  });
});

describe('METRICS_PORT', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' } });
  });
  afterAll(() => stack.close());

  it('serves /metrics on its own listener and no longer on the public one', async () => {
    await stack.gql(`{ viewer { signedIn } }`);
    expect((await fetch(`${stack.url}/metrics`)).status).toBe(404);
    expect(stack.gateway.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.gateway.metricsUrl).not.toBe(stack.url);
    const metrics = await fetch(`${stack.gateway.metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('gatehouse_graphql_requests_total{operation_type="query",outcome="ok",error_code=""} 1');
  });
});
