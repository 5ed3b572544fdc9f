import { loadConfig } from '../src/config.js';
import { UpstreamClient } from '../src/datasources/core/http-client.js';
import { LenelUpstream, type LenelReader } from '../src/datasources/lenel/upstream.js';
import { createLogger } from '../src/logger.js';
import { Metrics } from '../src/metrics.js';
import { childEnv } from './contestants.js';
import { reportReady, serveParent, spawnChild } from './ipc.js';
import { lenelAccessTokens } from './sessions.js';

/**
 * The heap one cached lenel account costs on a large site (50,000 badges, 20,000 cardholders): the
 * gateway's lenel module reads both lists for one account, then for a second account whose lists
 * are identical, with a full GC before each figure. Run as `node --expose-gc --import tsx
 * bench/heap.ts` (`npm run bench` forks it so); the lenel emulator runs in its own process.
 */
export interface HeapFigures {
  badges: number;
  employees: number;
  firstAccountMb: number;
  secondAccountMb: number;
}

const SITE = { badges: 50_000, employees: 20_000 };

export async function measureHeap(): Promise<HeapFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const heap = () => {
    for (let i = 0; i < 4; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  const emulator = spawnChild('./emulator.ts', [], childEnv({ NODE_ENV: 'production', BENCH_USERS: '2', BENCH_SITE: `${SITE.badges}x${SITE.employees}` }));
  try {
    const { url, usernames, password } = (await emulator.ready) as { url: string; usernames: string[]; password: string };
    const config = loadConfig({ NODE_ENV: 'production', LENEL_URL: url, SESSION_SECRET: 'x'.repeat(32), LENEL_CACHE_TTL_MS: '600000' });
    const client = new UpstreamClient('lenel', url, config.http, createLogger('silent'), new Metrics());
    const options = { cacheTtlMs: config.lenelCacheTtlMs, cacheMaxBytes: config.lenelCacheMaxBytes };
    const tokens = await lenelAccessTokens(url, usernames, password);
    const readers: LenelReader[] = tokens.map((token, i) => ({
      cacheKey: `user:id:bench-${i}`,
      call: (request) => client.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } }),
    }));
    const held: unknown[] = [];
    const read = async (lenel: LenelUpstream, reader: LenelReader) => {
      const [badges, employees] = [await lenel.readBadges(reader), await lenel.readEmployees(reader)];
      // The lookups built on first use count too.
      badges.ofEmployee(1);
      employees.withEmail('nobody@example.com');
      held.push(badges, employees);
    };
    // Warm up the client (pools, code) with a throwaway cache, so that only the measured cache's data counts.
    await read(new LenelUpstream(client, options), readers[0]!);
    held.length = 0;
    const lenel = new LenelUpstream(client, options);
    const before = heap();
    await read(lenel, readers[0]!);
    const one = heap();
    await read(lenel, readers[1]!);
    const two = heap();
    await client.close();
    return { ...SITE, firstAccountMb: (one - before) / 2 ** 20, secondAccountMb: (two - one) / 2 ** 20 };
  } finally {
    await emulator.stop();
  }
}

if (process.send) {
  // Forked by the harness: measure, answer, wait to be stopped.
  const figures = await measureHeap();
  serveParent({}, async () => undefined);
  reportReady({ figures });
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await measureHeap();
  console.log(`${figures.badges} badges, ${figures.employees} cardholders: first account ${figures.firstAccountMb.toFixed(1)} MB, second account with identical lists ${figures.secondAccountMb.toFixed(1)} MB`);
}
