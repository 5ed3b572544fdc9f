import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const HR_ONLY = { lenel: false, forensic: false, rehive: false } as const;
const VIEWER_HR = `{ viewer { hr { id } } }`;
const HR_OK = { data: { viewer: { hr: { id: globalId('HrUser', 1) } } } };
const hrFailed = (message: string) => ({
  data: { viewer: { hr: null } },
  errors: [{ message, locations: expect.any(Array), path: ['viewer', 'hr'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'HR' } }],
});
const ANSWERED_503 = hrFailed('The hr service answered 503.');
const CIRCUIT_OPEN = hrFailed('The hr service is unavailable (circuit open).');

const hrCircuit = async (stack: Stack) => ((await (await fetch(`${stack.url}/readyz`)).json()) as { upstreams: Record<string, string> }).upstreams.hr;
const hrCircuitGauge = async (stack: Stack) => {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  return Number(/^gatehouse_upstream_circuit_state\{upstream="hr"\} (\d+)$/m.exec(text)?.[1]);
};

/** Half 503s, half passes, in an order fixed by the seed (a linear congruential generator's high bit). */
function coinFlips(seed: number, length: number): Array<503 | 'pass'> {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state >= 2 ** 30 ? 503 : 'pass';
  });
}

describe('the HR circuit opens on sustained failures', () => {
  const MIN_CALLS = 10;
  const HALF_OPEN_AFTER_MS = 2_000;
  let stack: Stack;
  let ana: string;

  beforeAll(async () => {
    stack = await startStack({ ...HR_ONLY, env: { CIRCUIT_MIN_CALLS: String(MIN_CALLS), CIRCUIT_HALF_OPEN_AFTER_MS: String(HALF_OPEN_AFTER_MS) } });
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());

  it('opens when more than half of at least CIRCUIT_MIN_CALLS calls fail, then fails fast, turns half-open after the cool-down, and a success closes it', async () => {
    // The sign-in's successful hr calls are in the window too: the circuit opens on the failure that
    // brings the window to MIN_CALLS calls (more than half of them failed by then).
    const toTrip = MIN_CALLS - stack.hr.server.requests.length;
    stack.hr.server.clearLog();
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', rate: 1 });
    for (let i = 1; i < toTrip; i++) expect((await stack.gql(VIEWER_HR, {}, { token: ana })).body).toEqual(ANSWERED_503);
    expect(await hrCircuit(stack)).toBe('closed');
    expect((await stack.gql(VIEWER_HR, {}, { token: ana })).body).toEqual(ANSWERED_503);
    // each failing call was tried three times (UPSTREAM_RETRIES 2) and counted once
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(3 * toTrip);
    expect(await hrCircuit(stack)).toBe('open');
    expect(await hrCircuitGauge(stack)).toBe(2);

    // an open circuit answers without calling hr
    expect((await stack.gql(VIEWER_HR, {}, { token: ana })).body).toEqual(CIRCUIT_OPEN);
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(3 * toTrip);

    await sleep(HALF_OPEN_AFTER_MS + 500);
    expect(await hrCircuit(stack)).toBe('half-open');
    expect(await hrCircuitGauge(stack)).toBe(1);

    stack.hr.server.clearFaults();
    expect((await stack.gql(VIEWER_HR, {}, { token: ana })).body).toEqual(HR_OK);
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(3 * toTrip + 1);
    expect(await hrCircuit(stack)).toBe('closed');
    expect(await hrCircuitGauge(stack)).toBe(0);
  });
});

describe('the HR circuit stays closed through isolated failures (default settings)', () => {
  let stack: Stack;
  let ana: string;

  beforeAll(async () => {
    stack = await startStack(HR_ONLY);
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());

  it('two failing requests do not open it', async () => {
    stack.hr.server.clearLog();
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', rate: 1 });
    for (let i = 0; i < 2; i++) expect((await stack.gql(VIEWER_HR, {}, { token: ana })).body).toEqual(ANSWERED_503);
    stack.hr.server.clearFaults();
    expect(await hrCircuit(stack)).toBe('closed');
    expect((await stack.gql(VIEWER_HR, {}, { token: ana })).body).toEqual(HR_OK);
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(2 * 3 + 1);
  });

  it('rate-limit answers (429) never count as failures', async () => {
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: Array<number>(30).fill(429), retryAfterSeconds: 1 });
    for (let i = 0; i < 30; i++) {
      const response = await stack.gql(VIEWER_HR, {}, { token: ana });
      expect(response.body.errors).toMatchObject([{ extensions: { code: 'RATE_LIMITED', upstream: 'HR' } }]);
    }
    expect(await hrCircuit(stack)).toBe('closed');
    expect((await stack.gql(VIEWER_HR, {}, { token: ana })).body).toEqual(HR_OK);
  });
});

describe('the HR circuit with half of all hr attempts answering 503 (default settings)', () => {
  const REQUESTS = 100;
  let stack: Stack;
  let ana: string;

  beforeAll(async () => {
    stack = await startStack(HR_ONLY);
    ana = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(() => stack.close());

  it('stays closed, and retries let most HR fields succeed', async () => {
    // A scripted coin flip per attempt instead of the fault's random `rate`: the same run every time.
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: coinFlips(42, 3 * REQUESTS) });
    let succeeded = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const { body } = await stack.gql(VIEWER_HR, {}, { token: ana });
      if (body.errors) expect(body).toEqual(ANSWERED_503);
      else succeeded++;
    }
    expect(await hrCircuit(stack)).toBe('closed');
    expect(succeeded).toBeGreaterThanOrEqual(0.8 * REQUESTS);
  });
});
