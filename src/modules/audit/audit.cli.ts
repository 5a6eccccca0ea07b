import type { Command } from 'commander';
import type { CliContext } from '../../platform/area.ts';
import { chainAll, verifyChain, writeCheckpoint } from './audit.service.ts';

/** `markaz audit`. */
export function auditCli(program: Command, { withDeps }: CliContext): void {
  const audit = program.command('audit').description('The audit chain');
  audit
    .command('verify')
    .description('Chain pending entries, then verify the whole chain and its signed checkpoints')
    .option('--no-chain', 'verify only what is already chained')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { chain: boolean; json?: boolean }) =>
      withDeps(async (deps) => {
        if (opts.chain) {
          const n = await chainAll(deps);
          if (n) console.error(`chained ${n} pending entr${n === 1 ? 'y' : 'ies'}`);
          await writeCheckpoint(deps);
        }
        const res = await verifyChain(deps, (n) => process.stderr.write(`\r  verified ${n} entries…`));
        process.stderr.write('\n');
        if (opts.json) console.log(JSON.stringify(res, null, 2));
        else if (res.ok)
          console.log(
            `OK: ${res.checkedEntries} entries, ${res.checkpointsChecked} signed checkpoints verified; head ${res.lastHash ?? '(empty)'}`,
          );
        else
          console.log(
            `BROKEN at entry #${res.broken!.id ?? '?'} (seq ${res.broken!.chainSeq}): ${res.broken!.reason}`,
          );
        if (!res.ok) process.exitCode = 1;
      }),
    );
}
