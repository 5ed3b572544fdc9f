import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { Metrics } from '../../../src/metrics.js';
import { RedisListShare } from '../../../src/redis/list-share.js';
import { startGateway, type Gateway } from '../../../src/server.js';
import { hasRedisServer, startRedis, type RedisServer } from '../../helpers/redis.js';
import { startStack, TEST_SESSION_SECRET, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';
import { freshLenelSession } from './accounts.js';

const BADGES = '{ badges(first: 3) { totalCount edges { node { id status } } } }';

async function post(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

// CI installs redis-server (.ci/run); a developer machine without it skips these.
describe.skipIf(!hasRedisServer && !process.env.CI)('two gateway replicas behind one Redis read each lenel list once per account and cache lifetime', () => {
  let redis: RedisServer;
  let stack: Stack;
  let replica: Gateway;
  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, LENEL_CACHE_TTL_MS: '60000' };
    stack = await startStack({ hr: false, forensic: false, rehive: false, env });
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', LENEL_URL: stack.lenel.url, SESSION_SECRET: TEST_SESSION_SECRET, ...env });
    replica = await startGateway({ config, logger: createLogger('silent'), sessionSecret: TEST_SESSION_SECRET, metrics: new Metrics() });
  });
  afterAll(async () => {
    await replica?.close();
    await stack?.close();
    await redis?.stop();
  });

  it('one replica reads, the other uses its body: one upstream read, for requests one after the other and at the same time', async () => {
    const { token } = await freshLenelSession(stack, 'viewer');
    stack.lenel.server.clearLog();
    const first = await post(stack.url, token, BADGES);
    expect(first).toMatchObject({ data: { badges: { totalCount: 60 } } });
    expect(await post(replica.url, token, BADGES)).toEqual(first);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);

    const other = await freshLenelSession(stack, 'viewer');
    stack.lenel.server.clearLog();
    const answers = await Promise.all([stack.url, replica.url, stack.url, replica.url].map((url) => post(url, other.token, BADGES)));
    for (const answer of answers) expect(answer).toEqual(first);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
  });

  it('never shares a list between accounts, and names no account in a Redis key', async () => {
    const [a, b] = [await freshLenelSession(stack, 'viewer'), await freshLenelSession(stack, 'viewer')];
    stack.lenel.server.clearLog();
    await post(stack.url, a.token, BADGES);
    await post(replica.url, b.token, BADGES);
    await post(replica.url, a.token, BADGES);
    await post(stack.url, b.token, BADGES);
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(2);
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('gatehouse:list:*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(key).toMatch(/^gatehouse:list:(generation|[\w-]{43})$/);
      expect(keys.join(' ')).not.toMatch(/viewer|user|lenel|badges/i);
    } finally {
      await client.quit();
    }
  });

  it('after a badge update, no replica takes a list shared before it', async () => {
    const operator = await freshLenelSession(stack, 'operator');
    const viewer = await freshLenelSession(stack, 'viewer');
    const status = '{ badge(id: "2") { id status } }';
    // The viewer's list is read (and shared) by the first replica only.
    expect(await post(stack.url, viewer.token, status)).toEqual({ data: { badge: { id: globalId('Badge', 2), status: 'ACTIVE' } } });
    const update = 'mutation { updateBadgeStatus(badgeId: "2", status: INACTIVE) { id status } }';
    expect(await post(stack.url, operator.token, update)).toEqual({ data: { updateBadgeStatus: { id: globalId('Badge', 2), status: 'INACTIVE' } } });
    stack.lenel.server.clearLog();
    // The other replica would find the viewer's list from before the write in Redis: it reads it again.
    expect(await post(replica.url, viewer.token, status)).toEqual({ data: { badge: { id: globalId('Badge', 2), status: 'INACTIVE' } } });
    expect(stack.lenel.server.count('GET', '/api/badges/')).toBe(1);
    await post(stack.url, operator.token, 'mutation { updateBadgeStatus(badgeId: "2", status: ACTIVE) { id } }');
  });
});

describe.skipIf(!hasRedisServer && !process.env.CI)('a list share whose Redis is unreachable', () => {
  it('reads for itself at once: sharing never fails a read', async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, retryStrategy: () => 100 });
    client.on('error', () => undefined);
    await new Promise((resolve) => client.once('ready', resolve));
    const share = new RedisListShare(client, { waitMs: 5_000, lockMs: 6_000 });
    try {
      const read = async () => ({ text: '[1]', items: [1] });
      expect(await share.get('k', 60_000, read)).toEqual({ list: { text: '[1]', items: [1] }, ageMs: 0 });
      await redis.stop();
      const started = Date.now();
      expect(await share.get('k', 60_000, async () => ({ text: '[2]' }))).toEqual({ list: { text: '[2]' }, ageMs: 0 });
      expect(Date.now() - started).toBeLessThan(2_000);
      await expect(share.invalidateAll()).rejects.toThrow();
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});
