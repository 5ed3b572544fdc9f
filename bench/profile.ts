import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childEnv, contestantSpecs } from './contestants.js';
import { spawnChild, type Child } from './ipc.js';
import { closedLoop } from './load.js';
import { scenarioById } from './scenarios.js';
import { gatehouseSessions, lenelAccessTokens } from './sessions.js';

/**
 * `npx tsx bench/profile.ts [--scenario S3] [--ttl 0] [--seconds 10] [--contestant limit]`: Gatehouse (or a peer) alone under
 * closed-loop load with `node --cpu-prof`, then a summary of where its CPU time went (self time
 * by function and by package, total time of a few landmarks). The profile is kept in bench/results/.
 */
const { values: flags } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'S3' },
    ttl: { type: 'string', default: '0' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    contestant: { type: 'string', default: 'gatehouse' },
    /** Extra Node options for the profiled process, e.g. --node-arg=--max-semi-space-size=32 */
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const children: Child[] = [];

async function main(): Promise<void> {
  const emulator = spawnChild('./emulator.ts', [], childEnv({ NODE_ENV: 'production', BENCH_USERS: '120' }));
  children.push(emulator);
  const { url: lenelUrl, usernames, password } = (await emulator.ready) as { url: string; usernames: string[]; password: string };
  const spec = contestantSpecs(lenelUrl, password).find((s) => s.id === flags.contestant);
  if (!spec) throw new Error(`unknown contestant ${flags.contestant}`);
  // One file per thread (tsx's module hooks run in a worker): the main thread's is the biggest.
  const dir = `${resultsDir}profile-${spec.id}-${flags.scenario}-ttl${flags.ttl}-${Date.now()}/`;
  const gatehouse = spawnChild('./runner.ts', [spec.kind], childEnv({ ...spec.env, LENEL_CACHE_TTL_MS: flags.ttl! }), ['--cpu-prof', '--cpu-prof-dir', dir, ...flags['node-arg']!]);
  children.push(gatehouse);
  const { url } = (await gatehouse.ready) as { url: string };
  const graphqlUrl = `${url}/graphql`;
  const tokens = spec.kind === 'gatehouse' ? await gatehouseSessions(graphqlUrl, usernames, password) : await lenelAccessTokens(lenelUrl, usernames, password);
  const authorizations = tokens.map((token) => `Bearer ${token}`);
  const scenario = scenarioById(flags.scenario);
  if (scenario.latencyMs) await emulator.call({ type: 'latency', ms: scenario.latencyMs });
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
  const options = { url: graphqlUrl, body, authorizations, connections: Number(flags.connections) };
  await closedLoop({ ...options, durationSeconds: 2 });
  const result = await closedLoop({ ...options, durationSeconds: Number(flags.seconds) });
  console.log(`${spec.label}, ${flags.scenario}, LENEL_CACHE_TTL_MS=${flags.ttl}: ${((result.responses / result.elapsedMs) * 1000).toFixed(0)} req/s, ${result.errors} errors`);
  await gatehouse.stop();
  await emulator.stop();
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ f, size: statSync(dir + f).size }))
    .sort((a, b) => b.size - a.size)[0]?.f;
  if (!file) throw new Error('no profile written');
  const summary = summarise(JSON.parse(readFileSync(dir + file, 'utf8')) as CpuProfile, result.responses);
  writeFileSync(`${dir}summary.txt`, summary);
  console.log(summary);
  console.log(`profile: ${dir}${file} (open it in Chrome DevTools or speedscope)`);
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a file of this repository, or Node itself. */
function origin(url: string): string {
  if (!url) return '(native/V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const local = /\/work\/main\/(.*)$/.exec(url) ?? /\/((?:src|bench)\/.*)$/.exec(url);
  return local ? local[1]! : url;
}

function summarise(profile: CpuProfile, requests: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${origin(url)}:${lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let all = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') {
      idle += us;
      return;
    }
    all += us;
    self.set(key(id), (self.get(key(id)) ?? 0) + us);
    const o = name === '(garbage collector)' ? '(garbage collector)' : origin(byId.get(id)!.callFrame.url);
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(at);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  });
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / all).toFixed(1).padStart(5)} %  ${(us / 1000 / requests).toFixed(3)} ms/req`;
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${ms(us)}  ${k}`);
  const landmarks = [...total.entries()]
    .filter(([k]) => /^(parse|validate|execute|executeOperation|JSON\.parse|stringify|prettyJSONStringify|readBody|attempt|createContext|resolve|processRequest|runHttpQuery|processGraphQLRequest|completeValue|completeListValue|completeObjectValue|executeFields|readAllPages|request) /.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, us]) => `  ${ms(us)}  ${k}`);
  return [
    `CPU busy ${(all / 1000).toFixed(0)} ms (idle ${(idle / 1000).toFixed(0)} ms) over ${requests} requests: ${(all / 1000 / requests).toFixed(3)} ms/request`,
    '',
    'Self time by package/file:',
    ...top(byOrigin, 20),
    '',
    'Self time by function (top 30):',
    ...top(self, 30),
    '',
    'Total (inclusive) time of landmarks:',
    ...landmarks,
  ].join('\n');
}

main().catch(async (error: unknown) => {
  console.error(error);
  await Promise.allSettled(children.map((child) => child.stop()));
  process.exit(1);
});
