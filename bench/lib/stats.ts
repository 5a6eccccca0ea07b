/**
 * The bench's pure arithmetic: percentiles of latency samples, ratios to a floor, and whether a
 * figure meets its target. No I/O here, so it is unit-tested (stats.test.ts).
 */

/** The p-th percentile (0–100) by nearest rank of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export type Latency = { count: number; mean: number; p50: number; p95: number; p99: number; max: number };

export function summarize(samples: readonly number[]): Latency {
  const count = samples.length;
  const mean = count ? samples.reduce((s, x) => s + x, 0) / count : Number.NaN;
  return {
    count,
    mean: round(mean),
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    max: round(count ? samples.reduce((m, x) => Math.max(m, x), -Infinity) : Number.NaN),
  };
}

/** figure / floor, rounded to 3 places; null when the floor is missing or zero. */
export function ratio(figure: number, floor: number): number | null {
  if (!Number.isFinite(figure) || !Number.isFinite(floor) || floor === 0) return null;
  return Math.round((figure / floor) * 1000) / 1000;
}

export function round(x: number, places = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

/** A target: the figure compared with a bound, `>=` (at least) or `<=` (at most). */
export type Target = { op: '>=' | '<='; bound: number; unit: string };
export type Verdict = 'met' | 'missed' | 'not measured';

export function evaluate(value: number | null | undefined, target: Target): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not measured';
  return (target.op === '>=' ? value >= target.bound : value <= target.bound) ? 'met' : 'missed';
}

/** "≥ 50%", "≤ 50 ms": the unit is written as it follows the number (" ms", "%", "×"). */
export function describeTarget(t: Target): string {
  return `${t.op === '>=' ? '≥' : '≤'} ${t.bound}${t.unit}`;
}

/** A Markdown table; cells are escaped for pipes. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => String(v).replaceAll('|', '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
