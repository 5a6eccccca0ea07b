/**
 * How `markaz` commands print: data on stdout (JSON with --json, else lines for people), and
 * progress on stderr, redrawn in place on a terminal and as plain lines otherwise.
 */

/** Prints a command's result: `data` as JSON with --json, else the human lines. */
export function emit(
  json: boolean | undefined,
  data: unknown,
  human: () => string | readonly string[],
): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const lines = human();
  process.stdout.write(`${typeof lines === 'string' ? lines : lines.join('\n')}\n`);
}

/** Seconds since the process started: the wall time a user waited for the command. */
export function wallSeconds(): number {
  return performance.now() / 1000;
}

export const secs = (s: number): string => `${s.toFixed(1)} s`;

type Out = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * The phases of a long command ("opening the database", "migrating"…), each timed. On a terminal
 * the running phase's line ticks its elapsed time (and an estimate when given); otherwise one plain
 * line when a phase starts and one when it ends, so logs show where the time went.
 */
export class Phases {
  constructor(
    private readonly out: Out = process.stderr,
    private readonly enabled = true,
  ) {}

  get isTTY(): boolean {
    return Boolean(this.out.isTTY);
  }

  async run<T>(label: string, work: () => Promise<T>, opts: { expectSeconds?: number } = {}): Promise<T> {
    if (!this.enabled) return work();
    const t0 = performance.now();
    const elapsed = () => (performance.now() - t0) / 1000;
    let timer: NodeJS.Timeout | undefined;
    if (this.isTTY) {
      const draw = () => {
        const e = elapsed();
        const eta =
          opts.expectSeconds && opts.expectSeconds > e
            ? `, about ${Math.ceil(opts.expectSeconds - e)} s left`
            : '';
        this.out.write(`\r\x1b[2K  … ${label} ${secs(e)}${eta}`);
      };
      draw();
      timer = setInterval(draw, 250);
      timer.unref();
    } else {
      this.out.write(`  … ${label}\n`);
    }
    try {
      const result = await work();
      this.line(`  ✓ ${label} ${secs(elapsed())}`);
      return result;
    } catch (err) {
      this.line(`  ✗ ${label} ${secs(elapsed())}`);
      throw err;
    } finally {
      clearInterval(timer);
    }
  }

  private line(text: string): void {
    this.out.write(this.isTTY ? `\r\x1b[2K${text}\n` : `${text}\n`);
  }
}

/** No progress at all (quick commands, and tests that read stderr). */
export const quietPhases = new Phases(process.stderr, false);
