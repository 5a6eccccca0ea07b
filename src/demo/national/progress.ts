/**
 * Progress of a long load: on a terminal, one line redrawn in place (stage, bar, rows, rows/s, and
 * the time left in the stage from its chunks so far), ticking even between chunks; otherwise one
 * plain line per finished stage, and one every few seconds for a stage that takes long, so logs
 * stay readable and never go quiet for long.
 */
export type StageReport = { stage: string; table: string; rows: number; seconds: number };

/** How often a stage that is still running gets a plain line when the output is not a terminal. */
const PLAIN_EVERY_MS = 5_000;

export class Progress {
  readonly reports: StageReport[] = [];
  private stage = '';
  private table = '';
  private total = 0;
  private done = 0;
  private rows = 0;
  private started = 0;
  private lastDraw = 0;
  private lastPlain = 0;
  private ticker: NodeJS.Timeout | undefined;
  private readonly t0 = performance.now();

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stderr,
    private readonly quiet = false,
  ) {}

  /** Starts a stage of `steps` chunks loading into `table`. */
  begin(stage: string, table: string, steps = 1): void {
    this.stage = stage;
    this.table = table;
    this.total = Math.max(1, steps);
    this.done = 0;
    this.rows = 0;
    this.started = performance.now();
    this.lastPlain = this.started;
    this.draw(true);
    if (!this.quiet && this.out.isTTY && !this.ticker) {
      this.ticker = setInterval(() => this.draw(true), 500);
      this.ticker.unref();
    }
  }

  /** One chunk done, with the rows it wrote. */
  step(rows: number): void {
    this.done += 1;
    this.rows += rows;
    this.draw(false);
  }

  end(): StageReport {
    clearInterval(this.ticker);
    this.ticker = undefined;
    const seconds = (performance.now() - this.started) / 1000;
    const r = { stage: this.stage, table: this.table, rows: this.rows, seconds };
    this.reports.push(r);
    if (this.quiet) return r;
    const line = `  ✓ ${this.stage.padEnd(34)} ${fmt(this.rows).padStart(12)} rows ${seconds.toFixed(1).padStart(7)} s ${fmt(rate(this.rows, seconds)).padStart(10)} rows/s`;
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${line}\n`);
    else this.out.write(`${line}\n`);
    return r;
  }

  get elapsedSeconds(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Seconds left in the stage, from the pace of its chunks so far (unknown before the first). */
  private etaSeconds(now: number): number | null {
    if (this.done === 0 || this.done >= this.total) return null;
    const perStep = (now - this.started) / 1000 / this.done;
    return perStep * (this.total - this.done);
  }

  private draw(force: boolean): void {
    if (this.quiet) return;
    const now = performance.now();
    const secs = (now - this.started) / 1000;
    const eta = this.etaSeconds(now);
    const left = eta === null ? '' : `, about ${Math.ceil(eta)} s left`;
    if (!this.out.isTTY) {
      if (now - this.lastPlain < PLAIN_EVERY_MS) return;
      this.lastPlain = now;
      const pct = Math.floor((this.done / this.total) * 100);
      this.out.write(`  … ${this.stage}: ${pct}%, ${fmt(this.rows)} rows in ${secs.toFixed(0)} s${left}\n`);
      return;
    }
    if (!force && now - this.lastDraw < 100 && this.done < this.total) return;
    this.lastDraw = now;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    this.out.write(
      `\r\x1b[2K  ${this.stage.padEnd(34)} ${bar} ${fmt(this.rows)} rows, ${fmt(rate(this.rows, secs))} rows/s, ${secs.toFixed(0)} s${left}`,
    );
  }
}

const rate = (rows: number, seconds: number) => (seconds > 0 ? Math.round(rows / seconds) : rows);
export const fmt = (n: number) => n.toLocaleString('en-US');

/** The final summary: rows per table, time and rows per second, and the whole load's rate. */
export function summary(reports: StageReport[], totalSeconds: number): string {
  const byTable = new Map<string, { rows: number; seconds: number }>();
  for (const r of reports) {
    const t = byTable.get(r.table) ?? { rows: 0, seconds: 0 };
    t.rows += r.rows;
    t.seconds += r.seconds;
    byTable.set(r.table, t);
  }
  const total = [...byTable.values()].reduce((s, t) => s + t.rows, 0);
  const lines = [...byTable.entries()].map(
    ([table, t]) =>
      `  ${table.padEnd(32)} ${fmt(t.rows).padStart(12)} ${t.seconds.toFixed(1).padStart(8)} s ${fmt(rate(t.rows, t.seconds)).padStart(10)} rows/s`,
  );
  return [
    `  ${'rows written'.padEnd(32)} ${'rows'.padStart(12)} ${'time'.padStart(10)} ${'rate'.padStart(17)}`,
    ...lines,
    `  ${'total'.padEnd(32)} ${fmt(total).padStart(12)} ${totalSeconds.toFixed(1).padStart(8)} s ${fmt(rate(total, totalSeconds)).padStart(10)} rows/s`,
  ].join('\n');
}
