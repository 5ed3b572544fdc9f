import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { hasRedisServer, startRedis, type RedisServer } from '../../helpers/redis.js';
import { startStack, type Stack } from '../../helpers/stack.js';

const UNAVAILABLE = { message: "The gateway's session store is unavailable. Try again shortly.", extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 } };
const SIGN_IN = `mutation { signIn(input: { upstream: HR, login: "ana.garcia@example.com", password: "${DEMO_PASSWORD}" }) { token } }`;

describe.skipIf(!hasRedisServer && !process.env.CI)('a Redis outage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-redis-'));
  let redis: RedisServer;
  let stack: Stack;
  let token: string;
  let logsBeforeOutage: number;
  const consoleError: MockInstance = vi.spyOn(console, 'error');
  const consoleWarn: MockInstance = vi.spyOn(console, 'warn');
  const stderr: MockInstance = vi.spyOn(process.stderr, 'write');

  const readyz = async () => {
    const response = await fetch(`${stack.url}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const timed = async <T>(call: () => Promise<T>): Promise<{ result: T; ms: number }> => {
    const started = performance.now();
    const result = await call();
    return { result, ms: performance.now() - started };
  };

  beforeAll(async () => {
    // AOF persistence, so the session written before the outage is still there after the restart.
    redis = await startRedis({ dataDir });
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { REDIS_URL: redis.url } });
    token = await stack.signIn('HR', 'ana.garcia@example.com');
    logsBeforeOutage = stack.logs.length;
    await redis.stop();
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('an authenticated request answers 503 with Retry-After at once, not after queueing for Redis', async () => {
    const { result: response, ms } = await timed(() => stack.gql(`{ viewer { hr { email } } }`, {}, { token }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body).toEqual({ errors: [UNAVAILABLE] });
    // It used to wait ~2 s for ioredis's reconnection attempts before failing with a 500.
    expect(ms).toBeLessThan(1_500);
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(0);
  });

  it('signIn answers SERVICE_UNAVAILABLE on its field at once, without trying the password upstream', async () => {
    stack.hr.server.clearLog();
    const { result: response, ms } = await timed(() => stack.gql(SIGN_IN));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: null, errors: [{ ...UNAVAILABLE, locations: [{ line: 1, column: 12 }], path: ['signIn'] }] });
    expect(ms).toBeLessThan(1_500);
    expect(stack.hr.server.count('POST', '/api/auth/token')).toBe(0);
  });

  it('fields that need no session store still answer', async () => {
    const response = await stack.gql(`{ viewer { signedIn } }`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { viewer: { signedIn: false } } });
  });

  it('/readyz answers 503 while Redis is unreachable', async () => {
    expect(await readyz()).toEqual({ status: 503, body: { status: 'unavailable', sessionStore: 'down', upstreams: { lenel: 'not-configured', forensic: 'not-configured', hr: 'closed', rehive: 'not-configured' } } });
  });

  it('recovers without a restart when Redis returns: /readyz 200, the session (kept by AOF) and signIn work', async () => {
    redis = await startRedis({ port: redis.port, dataDir });
    await vi.waitFor(async () => expect((await readyz()).status).toBe(200), { timeout: 10_000, interval: 100 });
    expect((await readyz()).body).toMatchObject({ status: 'ready', sessionStore: 'up' });
    const viewer = await stack.gql(`{ viewer { hr { email } } }`, {}, { token });
    expect(viewer.body).toEqual({ data: { viewer: { hr: { email: 'ana.garcia@example.com' } } } });
    const signIn = await stack.gql(SIGN_IN);
    expect(signIn.body.errors).toBeUndefined();
  });

  it('logged one "unavailable" line and one "available" line as JSON, and nothing with a stack on stderr', () => {
    const lines = stack.logs.slice(logsBeforeOutage).map((line) => JSON.parse(line) as { msg: string; level: number; store?: string });
    const storeLines = lines.filter((line) => line.store === 'redis').map(({ level, msg }) => ({ level, msg }));
    expect(storeLines).toEqual([
      { level: 50, msg: 'session store unavailable' },
      { level: 30, msg: 'session store available' },
    ]);
    expect(stack.logs.join('\n')).not.toMatch(/\bat .+:\d+:\d+\)?/);
    const written = [...consoleError.mock.calls, ...consoleWarn.mock.calls, ...stderr.mock.calls].map((args) => args.map(String).join(' ')).join('\n');
    expect(written).not.toMatch(/ioredis|\bat .+:\d+:\d+\)?/);
  });
});

describe.skipIf(!hasRedisServer && !process.env.CI)('a Redis that stops answering', () => {
  let redis: RedisServer;
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '300' } });
    token = await stack.signIn('HR', 'ana.garcia@example.com');
  });
  afterAll(async () => {
    redis?.resume();
    await stack?.close();
    await redis?.stop();
  });

  it('answers 503 SERVICE_UNAVAILABLE after REDIS_TIMEOUT_MS instead of hanging, and works again when Redis answers', async () => {
    redis.pause();
    const response = await stack.gql(`{ viewer { hr { email } } }`, {}, { token });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [UNAVAILABLE] });
    redis.resume();
    const viewer = await stack.gql(`{ viewer { hr { email } } }`, {}, { token });
    expect(viewer.body).toEqual({ data: { viewer: { hr: { email: 'ana.garcia@example.com' } } } });
  });
});
