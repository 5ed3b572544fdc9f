import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startGateway, type Gateway } from '../src/server.js';
import { childEnv, contestantSpecs } from './contestants.js';
import { spawnChild } from './ipc.js';
import { median } from './report.js';
import { scenarioById } from './scenarios.js';
import { gatehouseSessions, mapLimit } from './sessions.js';

/**
 * `npx tsx bench/cpu.ts [--scenario S3] [--ttl 0] [--requests 1000] [--env EXECUTOR=graphql-js] [--versus EXECUTOR=graphql-js]`:
 * Gatehouse's CPU time per request on its own, for comparing one change with another on a busy
 * machine (CPU time moves much less with contention than requests/s). Gatehouse runs in this
 * process and gets its requests through Fastify's `inject` (no client sockets in the figure); the
 * lenel emulator runs in its own process. With `--versus`, a second gateway with that setting runs
 * beside the first, and blocks of requests alternate between them (A B A B …), so that both see the
 * same machine: the medians of the blocks are compared.
 */
const { values: flags } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'S3' },
    ttl: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '1000' },
    blocks: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '8' },
    env: { type: 'string', multiple: true, default: [] },
    versus: { type: 'string', multiple: true, default: [] },
  },
});

// NAME=value, split at the first '=' (a value may hold more).
const pairs = (list: string[]) => Object.fromEntries(list.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));

const emulator = spawnChild('./emulator.ts', [], childEnv({ NODE_ENV: 'production', BENCH_USERS: '120' }));
const gateways: Gateway[] = [];
try {
  const { url: lenelUrl, usernames, password } = (await emulator.ready) as { url: string; usernames: string[]; password: string };
  const spec = contestantSpecs(lenelUrl, password).find((s) => s.id === 'gatehouse')!;
  const scenario = scenarioById(flags.scenario);
  const payload = JSON.stringify({ query: scenario.query, variables: scenario.variables });

  const variants = [flags.env!, ...(flags.versus!.length ? [flags.versus!] : [])];
  const senders = [];
  for (const variant of variants) {
    const config = loadConfig({ ...spec.env, LENEL_CACHE_TTL_MS: flags.ttl, ...pairs(variant) });
    const gateway = await startGateway({ config, logger: createLogger(config.logLevel), sessionSecret: config.session.secret! });
    gateways.push(gateway);
    const tokens = await gatehouseSessions(`${gateway.url}/graphql`, usernames, password);
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
    senders.push({ label: variant.join(' ') || 'as configured', run, cpu: [] as number[], gc: [] as number[] });
  }

  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const n = Number(flags.requests);
  for (let block = 0; block < Number(flags.blocks); block++) {
    for (const sender of block % 2 ? [...senders].reverse() : senders) {
      gcMs = 0;
      const before = process.cpuUsage();
      await sender.run(n);
      const cpu = process.cpuUsage(before);
      sender.cpu.push((cpu.user + cpu.system) / 1000 / n);
      sender.gc.push(gcMs / n);
    }
  }
  observer.disconnect();
  for (const sender of senders) {
    console.log(
      `${flags.scenario} ttl=${flags.ttl} ${sender.label}: median ${median(sender.cpu).toFixed(3)} CPU ms/req (blocks ${sender.cpu.map((x) => x.toFixed(2)).join(' ')}), GC ${median(sender.gc).toFixed(3)} ms/req`,
    );
  }
} finally {
  await Promise.allSettled(gateways.map((gateway) => gateway.close()));
  await emulator.stop();
}
