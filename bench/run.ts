import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { hasRedisServer, startRedis, type RedisServer } from '../test/helpers/redis.js';
import { chartSvg } from './chart.js';
import { childEnv, contestantSpecs, type ContestantSpec } from './contestants.js';
import type { HeapFigures } from './heap.js';
import { spawnChild, type Child } from './ipc.js';
import { closedLoop, fixedRate, percentile, type LoadResult } from './load.js';
import { firstDifference, normalise } from './normalise.js';
import { markdownTable, median, type Row } from './report.js';
import { fallbackS5Cursors, scenarios, S5_PAGE_COUNT, type Scenario } from './scenarios.js';
import { gatehouseSessions, lenelAccessTokens, mapLimit } from './sessions.js';

/**
 * `npm run bench [-- --quick] [--only S3,S6] [--contestants limit,naive] [--rounds N] [--rate N] [--no-heap]`: starts the lenel
 * emulator, a redis-server (for the two-replica contestant) and every contestant in its own
 * process on 127.0.0.1 (the tracing variants only when named in --contestants, with an OTLP sink
 * that discards what they export), checks that they all answer each scenario with the same JSON, then measures
 * them in interleaved rounds and prints one table per scenario, the heap per cached account
 * (bench/heap.ts) and the targets; the ratios are drawn to bench/ratios.svg (bench/chart.ts).
 */
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    contestants: { type: 'string' },
    rounds: { type: 'string' },
    rate: { type: 'string' },
    users: { type: 'string' },
    'no-heap': { type: 'boolean', default: false },
  },
});

// Fixed rate: low enough that Gatehouse, the good peer and the limit run well below capacity on
// 2 cores (S6 measures latency, not throughput); a contestant that cannot sustain it is skipped.
const settings = flags.quick
  ? { durationSeconds: 0.2, fixedRateSeconds: 0.5, warmupSeconds: 0.1, rounds: 3, connections: 4, rate: 50 }
  : { durationSeconds: 2, fixedRateSeconds: 6, warmupSeconds: 0.7, rounds: 3, connections: 8, rate: 50 };
if (flags.rounds) settings.rounds = Math.max(1, Number(flags.rounds));
if (flags.rate) settings.rate = Math.max(1, Number(flags.rate));
const USERS = Math.max(100, Number(flags.users ?? 120));

/** The fewest upstream calls a gateway can make per request without a cache across requests. */
const MINIMAL_UPSTREAM: Record<string, number> = { S1: 0, S2: 2, S3: 2, S4: 2, S5: 2, S6: 2, S7: 1 };

interface Stats {
  cpu: NodeJS.CpuUsage;
  peakRss: number;
}

interface EmulatorStats {
  cpu: NodeJS.CpuUsage;
  requests: Record<string, number>;
}

interface Contestant {
  spec: ContestantSpec;
  /** One process per replica. */
  children: Child[];
  /** Each replica's endpoint; requests that are not load go to the first. */
  graphqlUrls: string[];
  authorizations: string[];
  unavailable?: string;
}

interface Measurement {
  round: number;
  sent: number;
  responses: number;
  elapsedMs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
  upstreamCalls: number;
  upstreamPerRequest: number;
  lenelCpuMsPerRequest: number;
  errors: number;
}

const log = (line: string) => console.error(`[bench] ${line}`);
const cpuMs = (after: NodeJS.CpuUsage, before: NodeJS.CpuUsage) => (after.user - before.user + after.system - before.system) / 1_000;
const totalRequests = (stats: EmulatorStats) => Object.values(stats.requests).reduce((sum, n) => sum + n, 0);

const children: Child[] = [];
const startedAt = Date.now();
let redis: RedisServer | undefined;
const stopAll = async () => {
  await Promise.allSettled(children.map((child) => child.stop()));
  await redis?.stop();
};
process.on('SIGINT', () => void stopAll().finally(() => process.exit(130)));

async function main(): Promise<void> {
  const started = Date.now();
  log(`${flags.quick ? 'quick' : 'full'} run: ${settings.rounds} rounds, ${settings.durationSeconds} s per measurement, ${USERS} callers`);

  const emulator = spawnChild('./emulator.ts', [], childEnv({ NODE_ENV: 'production', BENCH_USERS: String(USERS) }));
  children.push(emulator);
  const ready = (await emulator.ready) as { url: string; usernames: string[]; password: string };
  log(`lenel emulator at ${ready.url}`);
  const lenelTokens = await lenelAccessTokens(ready.url, ready.usernames, ready.password);

  const wanted = flags.contestants?.split(',');
  const chosen = contestantSpecs(ready.url, ready.password).filter((spec) => (wanted ? wanted.includes(spec.id) : !spec.optIn));
  if (chosen.some((spec) => spec.redis) && hasRedisServer) redis = await startRedis();
  // The traced contestants export to a sink of their own, started only when one of them runs.
  const sink = chosen.some((spec) => spec.env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined) ? spawnChild('./otlp-sink.ts', [], childEnv({})) : undefined;
  if (sink) children.push(sink);
  const otlpUrl = sink ? String((await sink.ready).url) : '';
  const specs = contestantSpecs(ready.url, ready.password, redis?.url ?? '', otlpUrl).filter((spec) => chosen.some((c) => c.id === spec.id));
  const contestants = await Promise.all(specs.map((spec) => startContestant(spec, ready.usernames, ready.password, lenelTokens)));
  for (const c of contestants) log(`${c.spec.label}: ${c.unavailable ? `UNAVAILABLE (${c.unavailable})` : c.graphqlUrls.join(' ')}`);
  const limit = contestants.find((c) => c.spec.id === 'limit');
  if (!limit || limit.unavailable) throw new Error('the limit must run: it is the reference answer');

  const cursors = await s5Cursors(contestants);
  const selected = scenarios(cursors).filter((s) => !flags.only || flags.only.split(',').includes(s.id));
  const results: Result[] = [];
  for (const scenario of selected) {
    const result = await runScenario(scenario, contestants, limit, emulator, results);
    results.push(result);
    console.log(`\n### ${scenario.id} — ${scenario.title}\n${describe(scenario)}\n\n${markdownTable(result.rows)}`);
    for (const problem of result.problems) console.log(`\n> ${problem}`);
  }
  if (sink) log(`OTLP sink: ${JSON.stringify(await sink.call({ type: 'stats' }))}`);
  await stopAll();

  const heap = flags['no-heap'] ? undefined : await measureHeap();
  if (heap) {
    console.log(
      `\n### Heap per cached lenel account\n${heap.badges.toLocaleString('en')} badges and ${heap.employees.toLocaleString('en')} cardholders (bench/heap.ts): first account ${heap.firstAccountMb.toFixed(1)} MB, a second account with identical lists ${heap.secondAccountMb.toFixed(1)} MB.`,
    );
  }
  const targets = targetLines(results, heap);
  console.log(`\n### Targets (reported, not asserted)\n${targets.join('\n')}`);
  writeResults(results, targets, heap, Date.now() - started);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (results.some((r) => r.problems.some((p) => p.startsWith('MISMATCH')))) process.exitCode = 1;
}

/** The heap figures from bench/heap.ts, in its own process (it needs --expose-gc). */
async function measureHeap(): Promise<HeapFigures | undefined> {
  log('heap per cached account (50,000 badges)');
  const child = spawnChild('./heap.ts', [], childEnv({}), ['--expose-gc']);
  try {
    return ((await child.ready) as { figures: HeapFigures }).figures;
  } catch (error) {
    log(`heap measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    await child.stop();
  }
}

async function startContestant(spec: ContestantSpec, usernames: string[], password: string, lenelTokens: string[]): Promise<Contestant> {
  const contestant: Contestant = { spec, children: [], graphqlUrls: [], authorizations: [] };
  if (spec.redis && !redis) {
    contestant.unavailable = 'redis-server is not installed';
    return contestant;
  }
  for (let i = 0; i < (spec.replicas ?? 1); i++) {
    const child = spawnChild('./runner.ts', [spec.kind], childEnv(spec.env), spec.execArgv);
    children.push(child);
    contestant.children.push(child);
  }
  try {
    for (const child of contestant.children) contestant.graphqlUrls.push(`${((await child.ready) as { url: string }).url}/graphql`);
    // Gatehouse callers hold Gatehouse sessions (replicas share them through Redis); the peers take lenel access tokens directly.
    const tokens = spec.kind === 'gatehouse' ? await gatehouseSessions(contestant.graphqlUrls[0]!, usernames, password) : lenelTokens;
    contestant.authorizations = tokens.map((token) => `Bearer ${token}`);
  } catch (error) {
    contestant.unavailable = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  return contestant;
}

/** S5's `after` cursors, from Gatehouse's own pages when it runs (cursors are opaque), else `base64url("Badge:<id>")`. */
async function s5Cursors(contestants: Contestant[]): Promise<string[]> {
  const fallback = fallbackS5Cursors();
  const gatehouse = contestants.find((c) => c.spec.kind === 'gatehouse' && !c.unavailable);
  if (!gatehouse) return fallback;
  try {
    const cursors: string[] = [];
    let after: string | null = null;
    for (let i = 1; i < S5_PAGE_COUNT; i++) {
      const body = await post(gatehouse, 'query Page($after: String) { badges(first: 100, after: $after) { pageInfo { endCursor } } }', { after });
      const cursor = (body as { data?: { badges?: { pageInfo?: { endCursor?: string } } } }).data?.badges?.pageInfo?.endCursor;
      if (!cursor) throw new Error(JSON.stringify(body).slice(0, 300));
      cursors.push(cursor);
      after = cursor;
    }
    return cursors;
  } catch (error) {
    log(`could not page through Gatehouse's badges (${error instanceof Error ? error.message : String(error)}); S5 uses Badge:<id> cursors`);
    return fallback;
  }
}

async function post(contestant: Contestant, query: string, variables?: Record<string, unknown>, authorization = contestant.authorizations[0]): Promise<unknown> {
  const text = await postText(contestant, JSON.stringify({ query, variables }), authorization);
  return JSON.parse(text.body) as unknown;
}

async function postText(contestant: Contestant, body: string, authorization: string | undefined, replica = 0): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(contestant.graphqlUrls[replica]!, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

function describe(scenario: Scenario): string {
  const load = scenario.fixedRate
    ? `fixed rate ${settings.rate} req/s (open loop), ${settings.fixedRateSeconds} s`
    : `closed loop, ${settings.connections} connections, ${settings.durationSeconds} s`;
  return `${load} per measurement, ${settings.rounds} interleaved rounds, medians; ${USERS} distinct callers; minimal upstream calls/request: ${MINIMAL_UPSTREAM[scenario.id]}${scenario.latencyMs ? `; lenel latency ${scenario.latencyMs} ms per call` : ''}.`;
}

async function runScenario(scenario: Scenario, contestants: Contestant[], limit: Contestant, emulator: Child, earlier: Result[]): Promise<Result> {
  log(`${scenario.id}: ${scenario.title} (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
  const problems: string[] = [];
  await emulator.call({ type: 'latency', ms: scenario.latencyMs ?? 0 });
  const body = JSON.stringify(scenario.variables ? { query: scenario.query, variables: scenario.variables } : { query: scenario.query });

  // Every contestant must give the limit's answer (normalised) before it is timed.
  const reference = await postText(limit, body, limit.authorizations[0]);
  const referenceJson = normalise(JSON.parse(reference.body));
  if (reference.status !== 200 || (referenceJson as { errors?: unknown }).errors) throw new Error(`the limit failed ${scenario.id}: ${reference.body.slice(0, 300)}`);
  const floor = contestants.find((c) => c.spec.kind === 'floor' && !c.unavailable);
  if (floor) await floor.children[0]!.call({ type: 'message', payload: { type: 'respond', body: reference.body } });

  const expected = new Map<Contestant, string>();
  const skipped = new Map<Contestant, string>();
  /** Upstream calls of one request on its own (two callers, one after the other): exact, unlike a count under load. */
  const single: Record<string, number> = {};
  for (const contestant of contestants) {
    if (contestant.unavailable) {
      skipped.set(contestant, 'unavailable');
      continue;
    }
    // Two callers, one after the other; with replicas, one caller on each replica in turn (the
    // second request's lists are the first one's, shared through Redis).
    const replicas = contestant.graphqlUrls.length;
    // (The last caller: the first one has paged through S5's cursors at start-up.)
    const callers = replicas > 1 ? contestant.graphqlUrls.map(() => contestant.authorizations.at(-1)) : [contestant.authorizations[0], contestant.authorizations.at(-1)];
    const before = totalRequests(await emulator.call<EmulatorStats>({ type: 'stats' }));
    const answers = [];
    for (const [i, auth] of callers.entries()) answers.push(await postText(contestant, body, auth, i % replicas));
    single[contestant.spec.id] = (totalRequests(await emulator.call<EmulatorStats>({ type: 'stats' })) - before) / callers.length;
    const difference = answers
      .map((answer) => {
        try {
          return answer.status === 200 ? firstDifference(normalise(JSON.parse(answer.body)), referenceJson) : `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
        } catch {
          return `not JSON: ${answer.body.slice(0, 200)}`;
        }
      })
      .find(Boolean);
    if (difference) {
      skipped.set(contestant, 'wrong answer (not timed)');
      problems.push(`MISMATCH ${scenario.id} ${contestant.spec.label} differs from the limit at ${difference}`);
    } else {
      expected.set(contestant, answers[0]!.body);
    }
  }
  if (scenario.fixedRate) {
    // Above its capacity a contestant's latency is only its queue: the closed-loop S3 figure says which cannot keep up.
    const s3 = earlier.find((r) => r.scenario.id === 'S3');
    for (const contestant of contestants) {
      const capacity = s3?.rows.find((row) => row.label === contestant.spec.label)?.rps;
      if (expected.has(contestant) && capacity !== undefined && capacity < settings.rate) {
        expected.delete(contestant);
        skipped.set(contestant, `not timed: S3 capacity ${capacity.toFixed(0)} req/s < ${settings.rate} req/s`);
      }
    }
  }
  const timed = contestants.filter((c) => expected.has(c));

  for (const contestant of timed) await load(scenario, contestant, body, expected.get(contestant)!, settings.warmupSeconds, true);

  const measurements: Record<string, Measurement[]> = Object.fromEntries(timed.map((c) => [c.spec.id, []]));
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? timed : [...timed].reverse();
    for (const contestant of order) {
      // A quick run's measurement is shorter than the time it takes to see every caller once: each
      // caller's lists are read first (untimed), so that the cached contestants measure hits, as in a full run.
      if (flags.quick && !scenario.fixedRate && caches(contestant)) await prime(contestant, body);
      await idle(contestant);
      const [before, emulatorBefore] = await Promise.all([stats(contestant), emulator.call<EmulatorStats>({ type: 'stats' })]);
      const result = await load(scenario, contestant, body, expected.get(contestant)!, scenario.fixedRate ? settings.fixedRateSeconds : settings.durationSeconds, false);
      // Requests cut off at the end still finish in the contestant: wait for them, then count per request sent.
      const emulatorAfter = await settle(emulator);
      const after = await idle(contestant);
      const sent = Math.max(result.sent, 1);
      const upstreamCalls = totalRequests(emulatorAfter) - totalRequests(emulatorBefore);
      measurements[contestant.spec.id]!.push({
        round,
        sent: result.sent,
        responses: result.responses,
        elapsedMs: result.elapsedMs,
        // At a fixed rate the figure is the rate achieved: the share of the sent requests that were answered.
        rps: scenario.fixedRate ? (settings.rate * result.responses) / sent : (result.responses / result.elapsedMs) * 1_000,
        p50: percentile(result.latencies, 50),
        p95: percentile(result.latencies, 95),
        p99: percentile(result.latencies, 99),
        cpuMsPerRequest: cpuMs(after.cpu, before.cpu) / sent,
        peakRssMb: after.peakRss / 2 ** 20,
        upstreamCalls,
        upstreamPerRequest: upstreamCalls / sent,
        lenelCpuMsPerRequest: cpuMs(emulatorAfter.cpu, emulatorBefore.cpu) / sent,
        errors: result.errors,
      });
    }
  }
  await emulator.call({ type: 'latency', ms: 0 });

  const summary = (id: string) => {
    const list = measurements[id]!;
    const m = (key: keyof Measurement) => median(list.map((x) => x[key]));
    return {
      rps: m('rps'),
      p50: m('p50'),
      p95: m('p95'),
      p99: m('p99'),
      cpuMsPerRequest: m('cpuMsPerRequest'),
      peakRssMb: Math.max(...list.map((x) => x.peakRssMb)),
      upstreamPerRequest: m('upstreamPerRequest'),
      lenelCpuMsPerRequest: m('lenelCpuMsPerRequest'),
      errors: list.reduce((sum, x) => sum + x.errors, 0),
    };
  };
  const limitSummary = measurements.limit ? summary('limit') : undefined;
  const rows: Row[] = contestants.map((contestant) => {
    const reason = skipped.get(contestant);
    if (reason) return { label: contestant.spec.label, skipped: reason };
    const s = summary(contestant.spec.id);
    let vsLimit: string | undefined;
    if (limitSummary) {
      vsLimit = scenario.fixedRate ? `${s.p99 - limitSummary.p99 >= 0 ? '+' : ''}${(s.p99 - limitSummary.p99).toFixed(2)} ms p99` : `${(s.rps / limitSummary.rps).toFixed(2)}×`;
    }
    return { label: contestant.spec.label, ...s, vsLimit };
  });
  problems.push(`Upstream calls of a single request: ${contestants.filter((c) => single[c.spec.id] !== undefined).map((c) => `${c.spec.label} ${single[c.spec.id]}`).join(', ')}.`);
  return { scenario, rows, measurements, single, problems };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Emulator stats once no upstream call has arrived for 100 ms (at most 5 s). */
async function settle(emulator: Child): Promise<EmulatorStats> {
  let last = await emulator.call<EmulatorStats>({ type: 'stats' });
  for (let waited = 0; waited < 5_000; waited += 100) {
    await sleep(100);
    const now = await emulator.call<EmulatorStats>({ type: 'stats' });
    if (totalRequests(now) === totalRequests(last)) return now;
    last = now;
  }
  return last;
}

/**
 * The contestant's stats once it has stopped working (under 10 % of a core over 100 ms, at most 20 s),
 * so that a backlog does not run into the next contestant's measurement. Peak RSS restarts here.
 */
async function idle(contestant: Contestant): Promise<Stats> {
  let last = await stats(contestant);
  for (let waited = 0; waited < 20_000; waited += 100) {
    await sleep(100);
    const now = await stats(contestant);
    const busy = cpuMs(now.cpu, last.cpu);
    now.peakRss = Math.max(now.peakRss, last.peakRss);
    last = now;
    if (busy < 10) break;
  }
  return last;
}

/** CPU and peak RSS of all of a contestant's processes together. */
async function stats(contestant: Contestant): Promise<Stats> {
  const all = await Promise.all(contestant.children.map((child) => child.call<Stats>({ type: 'stats' })));
  return {
    cpu: { user: all.reduce((sum, s) => sum + s.cpu.user, 0), system: all.reduce((sum, s) => sum + s.cpu.system, 0) },
    peakRss: all.reduce((sum, s) => sum + s.peakRss, 0),
  };
}

/** Whether a contestant keeps anything across requests (only Gatehouse with its lenel cache on). */
const caches = (contestant: Contestant) => contestant.spec.kind === 'gatehouse' && Number(contestant.spec.env.LENEL_CACHE_TTL_MS) > 0;

/** One request per caller (spread over the replicas), not timed. */
async function prime(contestant: Contestant, body: string): Promise<void> {
  // A failed warm-up request (a keep-alive connection closed under it) only leaves that caller cold.
  await mapLimit(contestant.authorizations, settings.connections, (auth) =>
    postText(contestant, body, auth, contestant.authorizations.indexOf(auth) % contestant.graphqlUrls.length).catch(() => undefined),
  );
}

function load(scenario: Scenario, contestant: Contestant, body: string, expectBody: string, durationSeconds: number, warmup: boolean): Promise<LoadResult> {
  const options = { url: contestant.graphqlUrls, body, authorizations: contestant.authorizations, durationSeconds, expectBody };
  if (scenario.fixedRate && !warmup) return fixedRate({ ...options, rate: settings.rate });
  return closedLoop({ ...options, connections: warmup ? Math.min(4, settings.connections) : settings.connections });
}

interface Result {
  scenario: Scenario;
  rows: Row[];
  measurements: Record<string, Measurement[]>;
  /** Upstream calls of one request on its own, per contestant id. */
  single: Record<string, number>;
  problems: string[];
}

function targetLines(results: Result[], heap: HeapFigures | undefined): string[] {
  const row = (id: string, label: string) => results.find((r) => r.scenario.id === id)?.rows.find((x) => x.label === label);
  const labels = Object.fromEntries(contestantSpecs('', '').map((spec) => [spec.id, spec.label]));
  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const ratio = (scenario: string, id: string, target: number) => {
    const mine = row(scenario, labels[id]!)?.rps;
    const limit = row(scenario, labels.limit!)?.rps;
    if (mine === undefined || !limit) return lines.push(`- ${labels[id]}, ${scenario}: not measured`);
    const value = mine / limit;
    return lines.push(`- ${labels[id]}, ${scenario}: ${value.toFixed(2)}× the limit's requests/s (target ≥ ${target}×): ${verdict(value >= target)}`);
  };
  ratio('S3', 'gatehouse', 3);
  ratio('S3', 'gatehouse-nocache', 0.75);
  ratio('S5', 'gatehouse', 0.6);
  const limit6 = row('S6', labels.limit!);
  for (const id of ['gatehouse', 'gatehouse-nocache']) {
    const g6 = row('S6', labels[id]!);
    if (g6?.p99 !== undefined && limit6?.p99 !== undefined) {
      const delta = g6.p99 - limit6.p99;
      lines.push(`- ${labels[id]}, S6: p99 ${g6.p99.toFixed(2)} ms vs the limit's ${limit6.p99.toFixed(2)} ms (${delta >= 0 ? '+' : ''}${delta.toFixed(2)} ms; target within 5 ms): ${verdict(delta <= 5)}`);
    } else lines.push(`- ${labels[id]}, S6: not measured`);
  }
  const naive3 = row('S3', labels.naive!)?.rps;
  const gatehouse3 = row('S3', labels.gatehouse!);
  if (gatehouse3?.rps !== undefined && naive3) {
    lines.push(`- ${labels.gatehouse}, S3: ${(gatehouse3.rps / naive3).toFixed(2)}× the naive peer's requests/s (target ≥ 5×): ${verdict(gatehouse3.rps / naive3 >= 5)}`);
  }
  for (const id of ['gatehouse', 'gatehouse-nocache']) {
    const g3 = row('S3', labels[id]!);
    if (g3?.upstreamPerRequest === undefined) continue;
    // In-flight requests at the end of a run made their upstream calls but are not counted as answered: allow 3 %.
    const minimal = MINIMAL_UPSTREAM.S3!;
    lines.push(`- ${labels[id]}, S3: ${g3.upstreamPerRequest.toFixed(2)} upstream calls/request (minimal without a shared cache: ${minimal}): ${verdict(g3.upstreamPerRequest <= minimal * 1.03)}`);
  }
  if (heap) {
    lines.push(`- heap per cached account of ${heap.badges.toLocaleString('en')} badges: ${heap.firstAccountMb.toFixed(1)} MB (target ≤ 12 MB): ${verdict(heap.firstAccountMb <= 12)}`);
    lines.push(`- heap for a second account with identical lists: ${heap.secondAccountMb.toFixed(1)} MB (target ≤ 2 MB): ${verdict(heap.secondAccountMb <= 2)}`);
  } else lines.push('- heap per cached account: not measured');
  // The same caller on one replica, then on the other: S3 reads two lists.
  const replicated = results.find((r) => r.scenario.id === 'S3')?.single['gatehouse-redis'];
  if (replicated === 0) lines.push(`- ${labels['gatehouse-redis']}: not measured (the caller's lists were still cached from an earlier request)`);
  else if (replicated !== undefined) {
    const readsPerList = (replicated * 2) / MINIMAL_UPSTREAM.S3!;
    lines.push(`- ${labels['gatehouse-redis']}: ${readsPerList.toFixed(1)} upstream reads of each list per account and cache lifetime across both replicas (target 1): ${verdict(readsPerList <= 1)}`);
  } else lines.push(`- ${labels['gatehouse-redis']}: not measured`);
  return lines;
}

function writeResults(results: Result[], targets: string[], heap: HeapFigures | undefined, elapsedMs: number): void {
  const machine = { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
  const stamp = machine.date.replace(/[:.]/g, '-');
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = { machine, mode: flags.quick ? 'quick' : 'full', settings, users: USERS, elapsedMs, targets, heap, scenarios: results };
  writeFileSync(new URL(`bench-${stamp}.json`, dir), `${JSON.stringify(json, null, 2)}\n`);
  const markdown = [
    `Machine: ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}, ${machine.date}; ${json.mode} run in ${(elapsedMs / 1000).toFixed(0)} s.`,
    ...results.flatMap((r) => [`### ${r.scenario.id} — ${r.scenario.title}`, describe(r.scenario), '', markdownTable(r.rows), ...r.problems.map((p) => `\n> ${p}`), '']),
    '### Targets (reported, not asserted)',
    ...targets,
  ].join('\n');
  writeFileSync(new URL(`bench-${stamp}.md`, dir), `${markdown}\n`);
  // The committed chart is redrawn by full runs of every scenario and default contestant only; a
  // partial run draws its own next to its results.
  const complete = !flags.quick && !flags.only && !flags.contestants;
  const chart = complete ? new URL('./ratios.svg', import.meta.url) : new URL(`bench-${stamp}.svg`, dir);
  writeFileSync(chart, chartSvg(json));
  log(`results: bench/results/bench-${stamp}.json and .md; chart: ${complete ? 'bench/ratios.svg' : `bench/results/bench-${stamp}.svg`}`);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
