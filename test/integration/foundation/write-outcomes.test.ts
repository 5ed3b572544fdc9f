import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const NEW_LEAVE = `mutation { createLeaveRequest(input: { start: "2031-01-07T00:00:00Z", end: "2031-01-08T00:00:00Z", type: VACATION }) { id } }`;
const ANA_ID = 1;
const MAYBE_APPLIED = 'the change may or may not have been applied';

describe('a write that fails says whether it may have been applied', () => {
  let stack: Stack;
  let ana: string;

  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.hr.server.clearFaults();
    stack.hr.server.clearLog();
  });

  it('createLeaveRequest applied upstream whose answer is lost to a reset → UPSTREAM_ERROR, outcome UNKNOWN, not retried', async () => {
    const before = stack.hr.leaveRequestsOf(ANA_ID).length;
    // The emulator applies the POST, then resets the connection instead of answering.
    stack.hr.server.addFault({ method: 'POST', path: '/api/leave-requests/', sequence: ['reset'] });
    const response = await stack.gql(NEW_LEAVE, {}, { token: ana });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: `The hr service dropped the connection before answering; ${MAYBE_APPLIED}.`,
          locations: expect.any(Array),
          path: ['createLeaveRequest'],
          extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR', outcome: 'UNKNOWN' },
        },
      ],
    });
    // the emulator received the POST once and created the leave request; the gateway did not repeat it
    expect(stack.hr.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/leave-requests/']);
    expect(stack.hr.leaveRequestsOf(ANA_ID)).toHaveLength(before + 1);
  });

  it('a GET whose answer is lost to a reset is still retried and succeeds', async () => {
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: ['reset'] });
    const response = await stack.gql(`{ viewer { hr { id } } }`, {}, { token: ana });
    expect(response.body).toEqual({ data: { viewer: { hr: { id: globalId('HrUser', ANA_ID) } } } });
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(2);
  });

  // 503 is the server saying it did not process the request; any other 5xx may follow a write that
  // was applied (a crash after the commit, a proxy that gave up waiting), so its outcome is unknown.
  it.each([
    { status: 500, error: { message: `The hr service answered 500; ${MAYBE_APPLIED}.`, extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR', outcome: 'UNKNOWN' } } },
    { status: 502, error: { message: `The hr service answered 502; ${MAYBE_APPLIED}.`, extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR', outcome: 'UNKNOWN' } } },
    { status: 504, error: { message: `The hr service did not answer in time; ${MAYBE_APPLIED}.`, extensions: { code: 'UPSTREAM_TIMEOUT', upstream: 'HR', outcome: 'UNKNOWN' } } },
    { status: 503, error: { message: 'The hr service answered 503.', extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } } },
  ])('createLeaveRequest answered $status → $error.message (not retried)', async ({ status, error }) => {
    stack.hr.server.addFault({ method: 'POST', path: '/api/leave-requests/', sequence: [status] });
    const response = await stack.gql(NEW_LEAVE, {}, { token: ana });
    expect(response.body).toEqual({ data: null, errors: [{ ...error, locations: expect.any(Array), path: ['createLeaveRequest'] }] });
    expect(stack.hr.server.count('POST', '/api/leave-requests/')).toBe(1);
  });

  it('a write refused at connect (nothing listening) → UPSTREAM_UNAVAILABLE "could not be reached", no outcome', async () => {
    await stack.hr.server.close();
    // time for the gateway's pool to see its keep-alive connections closed (a write on one of them
    // would be a reset, not a refusal)
    await sleep(200);
    const response = await stack.gql(NEW_LEAVE, {}, { token: ana });
    expect(response.body).toEqual({
      data: null,
      errors: [{ message: 'The hr service could not be reached.', locations: expect.any(Array), path: ['createLeaveRequest'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } }],
    });
    expect(stack.hr.server.requests).toHaveLength(0);
  });
});
