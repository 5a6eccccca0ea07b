import type { Command } from 'commander';
import type { CliContext } from '../../platform/area.ts';

// Imports only commander and types at the top: the service loads when the command runs.

/** `markaz audit`. */
export function auditCli(program: Command, { withDeps, emit }: CliContext): void {
  const audit = program.command('audit').description('The audit chain');
  audit
    .command('verify')
    .description('Chain pending entries, then verify the whole chain and its signed checkpoints')
    .option('--no-chain', 'verify only what is already chained')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { chain: boolean; json?: boolean }) =>
      withDeps(async (deps) => {
        const { chainAll, verifyChain, writeCheckpoint } = await import('./audit.service.ts');
        if (opts.chain) {
          const n = await chainAll(deps);
          if (n) console.error(`chained ${n} pending entr${n === 1 ? 'y' : 'ies'}`);
          await writeCheckpoint(deps);
        }
        // Progress redrawn in place on a terminal only; logs get the result.
        const tty = process.stderr.isTTY;
        const res = await verifyChain(deps, (n) => {
          if (tty) process.stderr.write(`\r\x1b[2K  verified ${n.toLocaleString('en-US')} entries…`);
        });
        if (tty) process.stderr.write('\r\x1b[2K');
        emit(opts.json, res, () =>
          res.ok
            ? `OK: ${res.checkedEntries} entries, ${res.checkpointsChecked} signed checkpoints verified; head ${res.lastHash ?? '(empty)'}`
            : `BROKEN at entry #${res.broken!.id ?? '?'} (seq ${res.broken!.chainSeq}): ${res.broken!.reason}`,
        );
        if (!res.ok) process.exitCode = 1;
      }),
    );
}
