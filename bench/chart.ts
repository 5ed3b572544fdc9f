import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The ratios of a benchmark run as an SVG bar chart: each contestant's requests/s divided by the
 * limit's, per closed-loop scenario, on a log scale. `npm run bench` draws bench/ratios.svg after
 * each run; `npx tsx bench/chart.ts [bench/results/bench-….json]` draws it again from a results file
 * (default: the newest).
 */
interface RunJson {
  machine: { date: string; nproc: number; node: string };
  mode: string;
  scenarios: Array<{
    scenario: { id: string; title: string; fixedRate?: boolean };
    rows: Array<{ label: string; rps?: number; skipped?: string }>;
  }>;
}

const LIMIT = 'limit (hand-written)';
/** Not drawn: the reference itself, and fixed bytes (tens of × the limit) that would flatten every other bar. */
const HIDDEN = new Set([LIMIT, 'floor (fixed bytes)']);
const COLOURS = ['#1f77b4', '#aec7e8', '#2ca02c', '#98df8a', '#9467bd', '#ff7f0e', '#d62728', '#8c564b'];
const TICKS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chartSvg(run: RunJson): string {
  const scenarios = run.scenarios.filter((s) => !s.scenario.fixedRate);
  const labels = [...new Set(scenarios.flatMap((s) => s.rows.map((row) => row.label)))].filter((label) => !HIDDEN.has(label));
  const barHeight = 12;
  const groupGap = 14;
  const left = 300;
  const plotWidth = 520;
  const top = 56;
  const groupHeight = labels.length * barHeight + groupGap;
  const height = top + scenarios.length * groupHeight + 30 + labels.length * 16;
  const width = left + plotWidth + 80;
  const [lo, hi] = [Math.log10(TICKS[0]!), Math.log10(TICKS.at(-1)!)];
  const x = (ratio: number) => left + ((Math.log10(Math.min(Math.max(ratio, TICKS[0]!), TICKS.at(-1)!)) - lo) / (hi - lo)) * plotWidth;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">Requests/s as a multiple of the hand-written limit (log scale; 1× = the limit)</text>`,
    `<text x="10" y="36" fill="#555">${escape(`${run.mode} run, ${run.machine.date}, ${run.machine.nproc} CPUs, Node ${run.machine.node}; S6 (latency at a fixed rate) is in the tables`)}</text>`,
  ];
  const bottom = top + scenarios.length * groupHeight;
  for (const tick of TICKS) {
    out.push(`<line x1="${x(tick)}" y1="${top - 6}" x2="${x(tick)}" y2="${bottom}" stroke="${tick === 1 ? '#000' : '#ddd'}" stroke-width="${tick === 1 ? 1.5 : 1}"/>`);
    out.push(`<text x="${x(tick)}" y="${bottom + 14}" text-anchor="middle">${tick}×</text>`);
  }
  scenarios.forEach((s, g) => {
    const y0 = top + g * groupHeight;
    const limit = s.rows.find((row) => row.label === LIMIT)?.rps;
    out.push(`<text x="${left - 8}" y="${y0 + (labels.length * barHeight) / 2 + 4}" text-anchor="end" font-weight="bold">${escape(`${s.scenario.id} ${truncate(s.scenario.title, 36)}`)}</text>`);
    labels.forEach((label, i) => {
      const row = s.rows.find((r) => r.label === label);
      const y = y0 + i * barHeight;
      if (!row || row.rps === undefined || !limit) {
        out.push(`<text x="${left + 4}" y="${y + barHeight - 3}" fill="#999">${escape(row?.skipped ? `not timed (${truncate(row.skipped, 40)})` : 'not run')}</text>`);
        return;
      }
      const ratio = row.rps / limit;
      out.push(`<rect x="${left}" y="${y + 1}" width="${Math.max(1, x(ratio) - left).toFixed(1)}" height="${barHeight - 2}" fill="${COLOURS[i % COLOURS.length]}"/>`);
      out.push(`<text x="${(x(ratio) + 4).toFixed(1)}" y="${y + barHeight - 3}">${ratio.toFixed(2)}×</text>`);
    });
  });
  labels.forEach((label, i) => {
    const y = bottom + 30 + i * 16;
    out.push(`<rect x="${left}" y="${y - 9}" width="12" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`);
    out.push(`<text x="${left + 18}" y="${y}">${escape(label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  const latest = existsSync(dir) ? readdirSync(dir).filter((name) => /^bench-.*\.json$/.test(name)).sort().at(-1) : undefined;
  const file = process.argv[2] ?? (latest && `${dir}${latest}`);
  if (!file) {
    console.error('No results to draw: run `npm run bench` first, or name a results file: npx tsx bench/chart.ts <bench-….json>');
    process.exit(1);
  }
  writeFileSync(new URL('./ratios.svg', import.meta.url), chartSvg(JSON.parse(readFileSync(file, 'utf8')) as RunJson));
  console.log(`bench/ratios.svg drawn from ${file}`);
}
