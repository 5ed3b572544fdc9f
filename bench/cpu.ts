import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startGateway } from '../src/server.js';
import { childEnv, contestantSpecs } from './contestants.js';
import { spawnChild } from './ipc.js';
import { cursorOf } from './peers/shape.js';
import { scenarios, S5_PAGE_COUNT, S5_PAGE_LENGTH } from './scenarios.js';
import { gatehouseSessions, mapLimit } from './sessions.js';

/**
 * `npx tsx bench/cpu.ts [--scenario S3] [--ttl 0] [--requests 2000] [--env EXECUTOR=graphql-js]`: Gatehouse's
 * CPU time per request on its own, for comparing one change with another on a busy machine (CPU
 * time moves much less with contention than requests/s). Gatehouse runs in this process and gets
 * its requests through Fastify's `inject` (no client sockets in the figure); the lenel emulator runs
 * in its own process. Prints CPU ms/request, GC ms/request and the heap after a full GC.
 */
const { values: flags } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'S3' },
    ttl: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    env: { type: 'string', multiple: true, default: [] },
  },
});

const emulator = spawnChild('./emulator.ts', [], childEnv({ NODE_ENV: 'production', BENCH_USERS: '120' }));
try {
  const { url: lenelUrl, usernames, password } = (await emulator.ready) as { url: string; usernames: string[]; password: string };
  const spec = contestantSpecs(lenelUrl, password).find((s) => s.id === 'gatehouse')!;
  const extra = Object.fromEntries(flags.env!.map((pair) => pair.split('=') as [string, string]));
  const config = loadConfig({ ...spec.env, LENEL_CACHE_TTL_MS: flags.ttl, ...extra });
  const gateway = await startGateway({ config, logger: createLogger(config.logLevel), sessionSecret: config.session.secret! });
  const tokens = await gatehouseSessions(`${gateway.url}/graphql`, usernames, password);
  const cursors = Array.from({ length: S5_PAGE_COUNT - 1 }, (_, i) => cursorOf('Badge', (i + 1) * S5_PAGE_LENGTH));
  const scenario = scenarios(cursors).find((s) => s.id === flags.scenario)!;
  const payload = JSON.stringify({ query: scenario.query, variables: scenario.variables });
  let next = 0;
  const send = async () => {
    const response = await gateway.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[next++ % tokens.length]}` },
      payload,
    });
    if (response.statusCode !== 200 || response.body.includes('"errors"')) throw new Error(response.body.slice(0, 300));
  };
  const run = (n: number) => mapLimit(Array.from({ length: n }), Number(flags.concurrency), send);
  await run(Math.max(600, tokens.length * 2));

  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const n = Number(flags.requests);
  const before = process.cpuUsage();
  const started = performance.now();
  await run(n);
  const cpu = process.cpuUsage(before);
  const wall = performance.now() - started;
  observer.disconnect();
  (globalThis as { gc?: () => void }).gc?.();
  const label = `${flags.scenario} ttl=${flags.ttl}${flags.env!.length ? ` ${flags.env!.join(' ')}` : ''}`;
  console.log(
    `${label}: ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} CPU ms/req, GC ${(gcMs / n).toFixed(3)} ms/req, ${(wall / n).toFixed(3)} wall ms/req, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
  );
  await gateway.close();
} finally {
  await emulator.stop();
}
