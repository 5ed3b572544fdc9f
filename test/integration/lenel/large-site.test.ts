import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';
import { freshLenelSession } from './accounts.js';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { globalId } from '../../helpers/ids.js';

const badge = (id: number) => globalId('Badge', id);
const employee = (id: number) => globalId('Employee', id);

const TTL_MS = 5_000;
const MY_BADGES = `{ viewer { hr { employee { id badges { id status } } } } }`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** Collects garbage first when the process allows it (`NODE_OPTIONS=--expose-gc`), so the figures are live data. */
const heapUsed = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const memory = (): string => `rss ${mb(process.memoryUsage().rss)}, heapUsed ${mb(heapUsed())}`;

/** Makes the emulator build its cached list JSON now, so that it does not count as the gateway's memory below. */
async function warmEmulator(stack: Stack): Promise<void> {
  const obtained = await fetch(`${stack.lenel.url}/auth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'viewer', password: DEMO_PASSWORD }),
  });
  const { access } = (await obtained.json()) as { access: string };
  for (const path of ['/api/badges/', '/api/employees/']) await (await fetch(`${stack.lenel.url}${path}`, { headers: { authorization: `Bearer ${access}` } })).text();
}

// Figures are printed, not asserted: tests never assert speed. The emulator runs in the same
// process as the gateway, so the memory figures include its copy of the site too.
describe('a site of 50,000 badges and 20,000 cardholders', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { LENEL_CACHE_TTL_MS: String(TTL_MS) } });
    console.log(`[lenel scale] before the site: ${memory()}`);
    stack.lenel.generateLargeSite({ badges: 50_000, employees: 20_000 });
    await warmEmulator(stack);
    console.log(`[lenel scale] emulator holds ${stack.lenel.badgeCount} badges, ${stack.lenel.employeeCount} cardholders: ${memory()}`);
  });
  afterAll(() => stack.close());

  it('answers the employee link correctly, with at most one read of each list per cache window over 100 queries', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    stack.lenel.server.clearLog();

    const heapBefore = heapUsed();
    let started = performance.now();
    const first = await stack.gql(MY_BADGES, {}, { token });
    const coldMs = performance.now() - started;
    expect(first.body).toEqual({ data: { viewer: { hr: { employee: { id: employee(5), badges: [{ id: badge(5), status: 'ACTIVE' }, { id: badge(37), status: 'INACTIVE' }] } } } } });
    const heapAfter = heapUsed();
    console.log(
      `[lenel scale] first query (cold cache: both lists read and indexed): ${coldMs.toFixed(0)} ms; gateway heap growth ${mb(heapAfter - heapBefore)} (the cached lists + indexes of one account); ${memory()}`,
    );

    started = performance.now();
    const windowStart = Date.now();
    for (let i = 0; i < 100; i++) {
      const response = await stack.gql(MY_BADGES, {}, { token });
      expect(response.body).toEqual(first.body);
    }
    const elapsed = Date.now() - windowStart;
    const warmMs = performance.now() - started;
    const badgeReads = stack.lenel.server.count('GET', '/api/badges/');
    const employeeReads = stack.lenel.server.count('GET', '/api/employees/');
    console.log(
      `[lenel scale] 100 more queries: ${warmMs.toFixed(0)} ms in all (${(warmMs / 100).toFixed(1)} ms each); upstream reads over the 101 queries: ${badgeReads} badges, ${employeeReads} employees; ${memory()}`,
    );
    // The first read started the first window; each later one needs the cached one to have expired.
    const windows = 1 + Math.floor((elapsed + coldMs) / TTL_MS);
    expect(badgeReads).toBeGreaterThanOrEqual(1);
    expect(badgeReads).toBeLessThanOrEqual(windows);
    expect(employeeReads).toBeLessThanOrEqual(windows);
  }, 60_000);

  it('pages through the full badge list of an operator with cardholders', async () => {
    const { token } = await freshLenelSession(stack, 'operator');
    stack.lenel.server.clearLog();
    const query = `{ badges(first: 100, filter: { status: ACTIVE }) { totalCount edges { node { id employee { fullName badges { status } } } } } }`;
    const started = performance.now();
    const response = await stack.gql<{ badges: { totalCount: number; edges: unknown[] } }>(query, {}, { token });
    const ms = performance.now() - started;
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.badges.edges).toHaveLength(100);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
    expect(stack.lenel.server.count('GET', '/api/employees/')).toBe(1);
    console.log(`[lenel scale] badges(first: 100, ACTIVE) of ${response.body.data!.badges.totalCount} with cardholders, cold: ${ms.toFixed(0)} ms; ${memory()}`);
  }, 60_000);
});
