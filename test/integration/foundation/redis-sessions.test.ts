import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createAttemptLimits, type AttemptLimits } from '../../../src/auth/attempt-limits.js';
import { RedisSessionStore } from '../../../src/auth/redis-session-store.js';
import type { SessionRecord } from '../../../src/auth/session-store.js';
import { loadConfig } from '../../../src/config.js';
import { invalidCredentials } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { Metrics } from '../../../src/metrics.js';
import { startGateway, type Gateway } from '../../../src/server.js';
import { hasRedisServer, startRedis, type RedisServer } from '../../helpers/redis.js';
import type { HrEmulatorOptions } from '../../../src/emulators/hr/index.js';
import { startStack, TEST_SESSION_SECRET, type Stack } from '../../helpers/stack.js';

// CI installs redis-server (.ci/run), so there these tests always run; a developer machine
// without it skips them.
describe.skipIf(!hasRedisServer && !process.env.CI)('sessions in Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  const record = (id: string, tokenHash: string, expiresInMs = 60_000): SessionRecord => ({
    id,
    tokenHash,
    createdAt: Date.now(),
    lastSeenAt: Date.now(),
    expiresAt: Date.now() + expiresInMs,
    accounts: {},
  });

  it('stores a session under its token hash, moves the index on rotation, and deletes it', async () => {
    const client = new Redis(redis.url);
    const store = new RedisSessionStore(client, 'test1:');
    try {
      await store.update('s1', () => record('s1', 'hash-a'));
      expect((await store.findByTokenHash('hash-a'))?.id).toBe('s1');
      await store.update('s1', (current) => current && { ...current, tokenHash: 'hash-b' });
      expect(await store.findByTokenHash('hash-a')).toBeUndefined();
      expect((await store.findByTokenHash('hash-b'))?.id).toBe('s1');
      await store.update('s1', () => undefined);
      expect(await store.get('s1')).toBeUndefined();
      expect(await store.findByTokenHash('hash-b')).toBeUndefined();
    } finally {
      await client.quit();
    }
  });

  it('lets a session expire with its keys', async () => {
    const client = new Redis(redis.url);
    const store = new RedisSessionStore(client, 'test2:');
    try {
      await store.update('s2', () => record('s2', 'hash-c', 300));
      expect(await store.get('s2')).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await store.get('s2')).toBeUndefined();
      expect(await store.findByTokenHash('hash-c')).toBeUndefined();
    } finally {
      await client.quit();
    }
  });

  it('loses no update when two replicas change one session at the same time', async () => {
    // Two connections, as two replicas would have.
    const clients = [new Redis(redis.url), new Redis(redis.url)];
    const [a, b] = clients.map((client) => new RedisSessionStore(client, 'test3:')) as [RedisSessionStore, RedisSessionStore];
    try {
      await a.update('s3', () => ({ ...record('s3', 'hash-d'), accounts: {} }));
      const bump = (store: RedisSessionStore) =>
        store.update('s3', (current) => current && { ...current, lastSeenAt: current.lastSeenAt + 1 });
      const before = (await a.get('s3'))!.lastSeenAt;
      await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 ? a : b)));
      expect((await b.get('s3'))!.lastSeenAt).toBe(before + 20);
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
  });

  it('counts failures across replicas: two replicas together allow no more guesses than one', async () => {
    const clients = [new Redis(redis.url), new Redis(redis.url)];
    const settings = { ...loadConfig({}).attemptLimits, signIn: { consecutive: 3, perIp: 100, perSubject: 100 } };
    const [a, b] = clients.map((client) => createAttemptLimits(settings, TEST_SESSION_SECRET, client)) as [AttemptLimits, AttemptLimits];
    const guess = (limits: AttemptLimits, login: string) => limits.signIn.attempt({ upstream: 'hr', login, ip: '203.0.113.9' }, () => Promise.reject(invalidCredentials('hr')));
    try {
      // A limiter refuses (SERVICE_UNAVAILABLE) until its connection is ready.
      await Promise.all(clients.map((client) => new Promise((resolve) => client.once('ready', resolve))));
      for (const limits of [a, b, a]) await expect(guess(limits, 'ana@example.com')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      await expect(guess(b, 'ana@example.com')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      await expect(guess(b, 'someone-else@example.com')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
  });

  describe('two gateway replicas behind one Redis', () => {
    let stack: Stack;
    let replica: Gateway;
    beforeAll(async () => {
      ({ stack, replica } = await startReplicas(redis.url));
    });
    afterAll(async () => {
      await replica?.close();
      await stack?.close();
    });

    it('a session made on one replica works on the other, and signing out on it ends it everywhere', async () => {
      const token = await stack.signIn('HR', 'mei.chen@example.com');
      const ask = (url: string) => post(url, token, '{ viewer { signedIn hr { email } } }');
      expect(await ask(replica.url)).toEqual({ data: { viewer: { signedIn: true, hr: { email: 'mei.chen@example.com' } } } });
      expect(await post(replica.url, token, 'mutation { signOut }')).toEqual({ data: { signOut: true } });
      expect(await ask(stack.url)).toMatchObject({ data: { viewer: { signedIn: false, hr: null } } });
    });

    it('keeps attempt counts under keyed hashes: no login, e-mail or IP in a Redis key name', async () => {
      const guess = await stack.gql(`mutation { signIn(input: { upstream: HR, login: "Omar.Haddad@example.com", password: "guess" }) { token } }`);
      expect(guess.body.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
      const client = new Redis(redis.url);
      try {
        const keys = await client.keys('gatehouse:limit:*');
        expect(keys.map((key) => key.replace(/:[\w-]{43}$/, ':<hash>')).sort()).toEqual(
          expect.arrayContaining(['gatehouse:limit:sign-in:ip:<hash>', 'gatehouse:limit:sign-in:pair:<hash>', 'gatehouse:limit:sign-in:subject:<hash>']),
        );
        for (const key of keys) expect(key).toMatch(/^gatehouse:limit:[a-z-]+:[a-z]+:[\w-]{43}$/);
        expect(keys.join(' ')).not.toMatch(/omar|haddad|example|127\.0\.0\.1/i);
      } finally {
        await client.quit();
      }
    });
  });

  describe('replicas refreshing one rotating HR token at the same moment', () => {
    let stack: Stack;
    let replica: Gateway;
    beforeAll(async () => {
      ({ stack, replica } = await startReplicas(redis.url, { accessLifetimeSeconds: 60, rotateRefreshTokens: true }));
    });
    afterAll(async () => {
      await replica?.close();
      await stack?.close();
    });

    it('spend the refresh token once between them (a Redis lock), and every request succeeds', async () => {
      const token = await stack.signIn('HR', 'ana.garcia@example.com');
      stack.clock.advance(61_000); // the 60-second access token has expired
      stack.hr.server.clearLog();
      const ask = (url: string) => post(url, token, '{ viewer { hr { email } } }');
      const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => ask(i % 2 ? replica.url : stack.url)));
      for (const answer of answers) expect(answer).toEqual({ data: { viewer: { hr: { email: 'ana.garcia@example.com' } } } });
      expect(stack.hr.server.count('POST', '/api/auth/refresh')).toBe(1);
    });
  });
  describe('replicas refreshing one rotating HR token that takes longer than a few seconds to refresh', () => {
    let stack: Stack;
    let replica: Gateway;
    beforeAll(async () => {
      // Any deadline is allowed; the refresh lock must be held and waited for as long as a refresh may take.
      const env = { UPSTREAM_DEADLINE_MS: '9000', UPSTREAM_HEADERS_TIMEOUT_MS: '9000' };
      ({ stack, replica } = await startReplicas(redis.url, { accessLifetimeSeconds: 60, rotateRefreshTokens: true }, env));
    });
    afterAll(async () => {
      await replica?.close();
      await stack?.close();
    });

    it('the waiting replica waits for it instead of spending the refresh token again', async () => {
      const token = await stack.signIn('HR', 'ana.garcia@example.com');
      stack.clock.advance(61_000); // the 60-second access token has expired
      stack.hr.server.clearLog();
      stack.hr.server.addFault({ method: 'POST', path: '/api/auth/refresh', latencyMs: 5_500 });
      const ask = (url: string) => post(url, token, '{ viewer { hr { email } } }');
      const answers = await Promise.all([ask(stack.url), ask(replica.url)]);
      for (const answer of answers) expect(answer).toEqual({ data: { viewer: { hr: { email: 'ana.garcia@example.com' } } } });
      expect(stack.hr.server.count('POST', '/api/auth/refresh')).toBe(1);
    });
  });

  describe('a gateway restarted on the same Redis with another SESSION_SECRET', () => {
    let stack: Stack;
    let restarted: Gateway;
    const logs: string[] = [];
    beforeAll(async () => {
      stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { REDIS_URL: redis.url } });
      const secret = `${TEST_SESSION_SECRET}-rotated`;
      const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', HR_URL: stack.hr.url, REDIS_URL: redis.url, SESSION_SECRET: secret });
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          callback();
        },
      });
      restarted = await startGateway({ config, logger: createLogger('info', sink), sessionSecret: secret, metrics: new Metrics(), clock: stack.clock.now });
    });
    afterAll(async () => {
      await restarted?.close();
      await stack?.close();
    });

    it('signs the account out (its sealed credentials no longer open) instead of failing every field as an internal error', async () => {
      const token = await stack.signIn('HR', 'mei.chen@example.com');
      stack.hr.server.clearLog();
      const ask = () => post(restarted.url, token, '{ viewer { signedIn hr { email } } }');
      expect(await ask()).toEqual({
        data: { viewer: { signedIn: true, hr: null } },
        errors: [
          {
            message: 'Your hr sign-in is no longer valid. Sign in again.',
            locations: [{ line: 1, column: 21 }],
            path: ['viewer', 'hr'],
            extensions: { code: 'UNAUTHENTICATED', upstream: 'HR' },
          },
        ],
      });
      // The account is gone from the session; the session itself still works.
      expect(await post(restarted.url, token, '{ viewer { signedIn accounts { upstream } hr { email } } }')).toEqual({ data: { viewer: { signedIn: true, accounts: [], hr: null } } });
      expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(0);
      expect(logs.filter((line) => line.includes('INTERNAL_SERVER_ERROR'))).toEqual([]);
    });
  });
});

/** The test stack (gateway + HR emulator) and a second gateway replica in front of the same HR, sharing one Redis and the stack's clock. */
async function startReplicas(redisUrl: string, hr: HrEmulatorOptions = {}, env: Record<string, string> = {}): Promise<{ stack: Stack; replica: Gateway }> {
  const stack = await startStack({ lenel: false, forensic: false, rehive: false, hr, env: { ...env, REDIS_URL: redisUrl } });
  const config = loadConfig({ ...env, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', HR_URL: stack.hr.url, REDIS_URL: redisUrl, SESSION_SECRET: TEST_SESSION_SECRET });
  const replica = await startGateway({ config, logger: createLogger('silent'), sessionSecret: TEST_SESSION_SECRET, metrics: new Metrics(), clock: stack.clock.now });
  return { stack, replica };
}

async function post(url: string, token: string, query: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return response.json();
}
