/** The per-scenario table: medians over the rounds (peak RSS: the highest; errors: the sum). */
export interface Row {
  label: string;
  /** Why the contestant has no figures (not started, wrong answer). */
  skipped?: string;
  rps?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  cpuMsPerRequest?: number;
  peakRssMb?: number;
  upstreamPerRequest?: number;
  lenelCpuMsPerRequest?: number;
  errors?: number;
  /** Closed loop: requests/s ÷ the limit's; fixed rate: p99 − the limit's p99. */
  vsLimit?: string;
}

const HEADER = ['contestant', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU ms/req', 'peak RSS MB', 'upstream calls/req', 'lenel CPU ms/req', 'errors', 'vs limit'];

const fixed = (value: number | undefined, digits: number): string => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));

export function markdownTable(rows: readonly Row[]): string {
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const row of rows) {
    if (row.skipped) {
      lines.push(`| ${row.label} | ${row.skipped} |${' |'.repeat(HEADER.length - 2)}`);
      continue;
    }
    lines.push(
      `| ${[
        row.label,
        fixed(row.rps, 0),
        fixed(row.p50, 2),
        fixed(row.p95, 2),
        fixed(row.p99, 2),
        fixed(row.cpuMsPerRequest, 3),
        fixed(row.peakRssMb, 0),
        fixed(row.upstreamPerRequest, 2),
        fixed(row.lenelCpuMsPerRequest, 3),
        String(row.errors ?? '–'),
        row.vsLimit ?? '–',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
