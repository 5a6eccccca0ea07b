import { Command } from 'commander';
import type { Deps } from '../deps.ts';
import type { CliContext } from '../platform/area.ts';

/**
 * Runs one area's `markaz` command in the test process, on a test app's deps: what it printed
 * (human lines) and, with `--json`, the data it emitted. For the area CLI tests.
 */
export async function runAreaCli(
  deps: Deps,
  register: (program: Command, ctx: CliContext) => void,
  argv: string[],
): Promise<{ lines: string[]; data: unknown }> {
  const out = { lines: [] as string[], data: undefined as unknown };
  const ctx: CliContext = {
    withDeps: (work) => work(deps, null as never),
    emit: (json, data, human) => {
      out.data = json ? data : undefined;
      const h = human();
      out.lines.push(...(typeof h === 'string' ? [h] : h));
    },
  };
  const program = new Command().exitOverride();
  register(program, ctx);
  await program.parseAsync(['node', 'markaz', ...argv]);
  return out;
}
