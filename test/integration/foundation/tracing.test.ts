import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type ExportedSpan, type OtlpReceiver } from '../../helpers/otlp-receiver.js';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** A caller's W3C trace context: a fresh trace id and the caller's own span id. */
const callerContext = () => {
  const traceId = hex(16);
  const parentId = hex(8);
  return { traceId, parentId, traceparent: `00-${traceId}-${parentId}-01` };
};
/** The OTLP endpoint of the receiver, the JSON protocol, and an export every few milliseconds. */
const tracingEnv = (receiver: OtlpReceiver, extra: Record<string, string> = {}) => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_SERVICE_NAME: 'gatehouse-test',
  OTEL_BSP_SCHEDULE_DELAY: '10',
  ...extra,
});

/** Every span of one trace, once its server span (which ends last) has been exported. */
const traceOf = async (receiver: OtlpReceiver, traceId: string, servers = 1): Promise<ExportedSpan[]> =>
  (await receiver.until((spans) => spans.filter((s) => s.traceId === traceId && s.kind === 'server').length >= servers)).filter((s) => s.traceId === traceId);

/** The trace as `name ← parent name` lines, sorted: the shape of the tree, independent of export order. */
const shape = (spans: ExportedSpan[]): string[] => {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  return spans.map((s) => `${s.name} ← ${s.parentSpanId ? (byId.get(s.parentSpanId)?.name ?? 'caller') : 'root'}`).sort();
};
const named = (spans: ExportedSpan[], name: string): ExportedSpan[] => spans.filter((s) => s.name === name);
const one = (spans: ExportedSpan[], name: string): ExportedSpan => {
  const found = named(spans, name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
const portOf = (url: string) => Number(new URL(url).port);

describe('tracing through to the upstreams (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let receiver: OtlpReceiver;
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // A long cache lifetime: which read misses and which hits does not depend on the machine's speed.
    stack = await startStack({ forensic: false, rehive: false, env: tracingEnv(receiver, { LENEL_CACHE_TTL_MS: '600000' }) });
    token = await stack.signIn('LENEL', 'viewer', { token: await stack.signIn('HR', 'ana.garcia@example.com') });
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });
  beforeEach(() => {
    stack.hr.server.clearLog();
    stack.hr.server.clearFaults();
    stack.lenel.server.clearLog();
  });

  it('makes a query over two upstreams one trace: the caller’s traceparent is continued, every upstream call is a child span and the upstream receives its traceparent', async () => {
    const caller = callerContext();
    const response = await stack.gql(
      `query TwoUpstreams($id: ID!) { viewer { hr { fullName } } leaveRequest(id: $id) { status } badges(first: 1) { edges { node { badgeNumber } } } }`,
      { id: '2' },
      { token, headers: { traceparent: caller.traceparent } },
    );
    expect(response.body).toEqual({ data: { viewer: { hr: { fullName: 'Ana García' } }, leaveRequest: { status: 'APPROVED' }, badges: { edges: [{ node: { badgeNumber: expect.any(String) } }] } } });

    const spans = await traceOf(receiver, caller.traceId);
    expect(shape(spans)).toEqual([
      'GET /api/auth/me/ ← query TwoUpstreams',
      'GET /api/badges/ ← cache lenel badges',
      'GET /api/leave-requests/:id ← query TwoUpstreams',
      'cache lenel badges ← query TwoUpstreams',
      'query TwoUpstreams ← caller',
      'session-store findByTokenHash ← query TwoUpstreams',
      'session-store get ← cache lenel badges',
      'session-store get ← query TwoUpstreams',
      'session-store get ← query TwoUpstreams',
    ]);
    const server = one(spans, 'query TwoUpstreams');
    expect(server).toMatchObject({ parentSpanId: caller.parentId, kind: 'server', status: 'unset', resource: expect.objectContaining({ 'service.name': 'gatehouse-test' }) });
    expect(server.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'TwoUpstreams',
      'gatehouse.request_id': response.headers.get('x-request-id'),
    });
    const me = one(spans, 'GET /api/auth/me/');
    expect(me).toMatchObject({ kind: 'client', status: 'unset' });
    expect(me.attributes).toEqual({
      'gatehouse.upstream': 'hr',
      'http.request.method': 'GET',
      'url.template': '/api/auth/me/',
      'server.address': '127.0.0.1',
      'server.port': portOf(stack.hr.server.url),
      'http.request.resend_count': 0,
      'gatehouse.circuit.state': 'closed',
      'http.response.status_code': 200,
    });
    // The route template, never the filled-in path with its id.
    expect(one(spans, 'GET /api/leave-requests/:id').attributes).toMatchObject({ 'url.template': '/api/leave-requests/:id', 'http.response.status_code': 200 });
    expect(one(spans, 'GET /api/badges/').attributes).toMatchObject({ 'gatehouse.upstream': 'lenel', 'server.port': portOf(stack.lenel.server.url), 'http.response.status_code': 200 });
    expect(one(spans, 'cache lenel badges').attributes).toEqual({ 'gatehouse.cache.name': 'lenel badges', 'gatehouse.cache.hit': false });
    expect(one(spans, 'session-store findByTokenHash').attributes).toEqual({ 'gatehouse.session_store': 'memory' });

    // Each upstream got the traceparent of its own client span: the trace continues in the backends.
    const traceparentOf = (spanName: string) => `00-${caller.traceId}-${one(spans, spanName).spanId}-01`;
    expect(stack.hr.server.requests.map((r) => [r.path, r.headers.traceparent])).toEqual([
      ['/api/auth/me/', traceparentOf('GET /api/auth/me/')],
      ['/api/leave-requests/2', traceparentOf('GET /api/leave-requests/:id')],
    ]);
    expect(stack.lenel.server.requests.map((r) => [r.path, r.headers.traceparent])).toEqual([['/api/badges/', traceparentOf('GET /api/badges/')]]);

    // No variables, tokens, filled-in paths or URLs in any span.
    const exported = JSON.stringify(spans);
    for (const secret of [token, 'Bearer', '/api/leave-requests/2', 'http://', '"2"']) expect(exported).not.toContain(secret);
    // Resolver spans are off by default.
    expect(spans.filter((s) => /^[A-Z]\w*\.\w+$/.test(s.name))).toEqual([]);
  });

  it('starts a trace for a request without traceparent, and a cached lenel list is a hit without an upstream call', async () => {
    const query = `query Badges { badges(first: 1) { edges { node { badgeNumber } } } }`;
    const operator = await stack.signIn('LENEL', 'operator');
    const first = await stack.gql(query, undefined, { token: operator });
    const second = await stack.gql(query, undefined, { token: operator });
    expect(second.body).toEqual(first.body);
    await receiver.until((spans) => spans.filter((s) => s.kind === 'server' && [first, second].some((r) => s.attributes['gatehouse.request_id'] === r.headers.get('x-request-id'))).length === 2);
    const traceFor = (response: typeof first) => {
      const server = receiver.spans.find((s) => s.kind === 'server' && s.attributes['gatehouse.request_id'] === response.headers.get('x-request-id'))!;
      expect(server.parentSpanId).toBe('');
      return receiver.spans.filter((s) => s.traceId === server.traceId);
    };
    const [missed, hit] = [traceFor(first), traceFor(second)];
    expect(missed[0]!.traceId).not.toBe(hit[0]!.traceId);
    expect(one(missed, 'cache lenel badges').attributes['gatehouse.cache.hit']).toBe(false);
    expect(named(missed, 'GET /api/badges/')).toHaveLength(1);
    expect(one(hit, 'cache lenel badges').attributes['gatehouse.cache.hit']).toBe(true);
    expect(named(hit, 'GET /api/badges/')).toEqual([]);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
  });

  it('shows each attempt of a retried call as a span with its resend count and status, each sending its own traceparent', async () => {
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: [503] });
    const caller = callerContext();
    const response = await stack.gql(`query Me { viewer { hr { fullName } } }`, undefined, { token, headers: { traceparent: caller.traceparent } });
    expect(response.body).toEqual({ data: { viewer: { hr: { fullName: 'Ana García' } } } });

    const spans = await traceOf(receiver, caller.traceId);
    const attempts = named(spans, 'GET /api/auth/me/').sort((a, b) => Number(a.attributes['http.request.resend_count']) - Number(b.attributes['http.request.resend_count']));
    expect(attempts.map((s) => [s.attributes['http.request.resend_count'], s.attributes['http.response.status_code'], s.attributes['error.type'], s.status])).toEqual([
      [0, 503, '503', 'error'],
      [1, 200, undefined, 'unset'],
    ]);
    const server = one(spans, 'query Me');
    expect(attempts.every((s) => s.parentSpanId === server.spanId)).toBe(true);
    expect(stack.hr.server.requests.map((r) => r.headers.traceparent)).toEqual(attempts.map((s) => `00-${caller.traceId}-${s.spanId}-01`));
  });

  it('marks the request span with its error codes, and as failed when an upstream failed', async () => {
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: [503, 503, 503] });
    const caller = callerContext();
    const response = await stack.gql(`query Me { viewer { hr { fullName } } }`, undefined, { token, headers: { traceparent: caller.traceparent } });
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    const server = one(await traceOf(receiver, caller.traceId), 'query Me');
    expect(server.status).toBe('error');
    expect(server.attributes).toMatchObject({ 'gatehouse.error_codes': ['UPSTREAM_UNAVAILABLE'], 'error.type': 'UPSTREAM_UNAVAILABLE', 'http.response.status_code': 200 });
  });
});

describe('an upstream whose circuit is open', () => {
  let receiver: OtlpReceiver;
  let stack: Stack;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // One failed call in the window opens the circuit.
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: tracingEnv(receiver, { CIRCUIT_MIN_CALLS: '1', UPSTREAM_RETRIES: '0', CIRCUIT_HALF_OPEN_AFTER_MS: '600000' }) });
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  it('is a client span that says the circuit was open, and nothing is sent', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', status: 503, rate: 1 });
    // Failures outnumber the sign-in's success in the window: the circuit opens.
    for (let i = 0; i < 2; i++) await stack.gql(`{ viewer { hr { fullName } } }`, undefined, { token });
    stack.hr.server.clearLog();
    const caller = callerContext();
    const response = await stack.gql(`query Me { viewer { hr { fullName } } }`, undefined, { token, headers: { traceparent: caller.traceparent } });
    expect(response.body.errors?.map((e) => e.message)).toEqual(['The hr service is unavailable (circuit open).']);
    const refused = one(await traceOf(receiver, caller.traceId), 'GET /api/auth/me/');
    expect(refused).toMatchObject({ kind: 'client', status: 'error' });
    expect(refused.attributes).toMatchObject({ 'gatehouse.upstream': 'hr', 'gatehouse.circuit.state': 'open', 'error.type': 'circuit_open' });
    expect(stack.hr.server.requests).toEqual([]);
  });
});

// Both executors: graphql-jit builds its own path objects, so the nesting must not depend on them.
describe.each(['jit', 'graphql-js'])('resolver spans (TRACING_RESOLVER_SPANS=true, EXECUTOR=%s)', (executor) => {
  let receiver: OtlpReceiver;
  let stack: Stack;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startStack({ forensic: false, rehive: false, env: tracingEnv(receiver, { TRACING_RESOLVER_SPANS: 'true', EXECUTOR: executor }) });
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  it('adds a span per resolver call that waits on something, nested by field path, with the upstream calls under the resolver that made them', async () => {
    const token = await stack.signIn('LENEL', 'viewer', { token: await stack.signIn('HR', 'ana.garcia@example.com') });
    const query = `query Two { viewer { hr { fullName leaveRequests(first: 1) { totalCount } } } badges(first: 2) { edges { node { badgeNumber } } } }`;
    // graphql-jit compiles a document the second time it runs: a first run by other accounts (whose
    // lists are cached apart) that waits where the traced one does.
    stack.lenel.addUser({ username: `warm-up-${executor}`, password: DEMO_PASSWORD, role: 'viewer' });
    const other = await stack.signIn('LENEL', `warm-up-${executor}`, { token: await stack.signIn('HR', 'mei.chen@example.com') });
    expect((await stack.gql(query, undefined, { token: other })).body.errors).toBeUndefined();
    const caller = callerContext();
    const response = await stack.gql(query, undefined, {
      token,
      headers: { traceparent: caller.traceparent },
    });
    expect(response.body.errors).toBeUndefined();
    const spans = await traceOf(receiver, caller.traceId);
    expect(shape(spans)).toEqual([
      'GET /api/auth/me/ ← Viewer.hr',
      'GET /api/badges/ ← cache lenel badges',
      'GET /api/leave-requests/ ← HrUser.leaveRequests',
      'HrUser.leaveRequests ← Viewer.hr',
      'Query.badges ← query Two',
      'Viewer.hr ← query Two',
      'cache lenel badges ← Query.badges',
      'query Two ← caller',
      'session-store findByTokenHash ← query Two',
      'session-store get ← HrUser.leaveRequests',
      'session-store get ← Viewer.hr',
      'session-store get ← cache lenel badges',
    ]);
    expect(one(spans, 'HrUser.leaveRequests').attributes).toEqual({ 'graphql.field.name': 'leaveRequests', 'graphql.field.type': 'LeaveRequestConnection', 'graphql.field.path': 'viewer.hr.leaveRequests' });
    expect(one(spans, 'Query.badges').attributes).toEqual({ 'graphql.field.name': 'badges', 'graphql.field.type': 'BadgeConnection', 'graphql.field.path': 'badges' });
    // Query.viewer, HrUser.fullName and Badge.badgeNumber answer at once: no span for them.
  });
});
