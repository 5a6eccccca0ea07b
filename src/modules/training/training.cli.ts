import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../../platform/area.ts';
import type { Stipend } from './training.schema.ts';

// Imports only commander and types at the top: services load when a command runs.

const rupees = (minor: number) =>
  (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function stipendLines(month: string, rows: readonly Stipend[]): string[] {
  const paid = rows.filter((r) => r.status === 'payable');
  return [
    `Stipends for ${month}: ${paid.length} payable (Rs ${rupees(paid.reduce((s, r) => s + r.amountMinor, 0))}), ` +
      `${rows.filter((r) => r.status === 'withheld').length} withheld, ${rows.filter((r) => r.status === 'clawed_back').length} clawed back`,
    ...rows.map(
      (r) =>
        `  ${r.centerName}: ${r.status}${r.trainerName ? ` — ${r.trainerName}` : ''}` +
        (r.status === 'withheld' ? ` (${r.withheldReasons.join(', ')})` : ` Rs ${rupees(r.amountMinor)}`),
    ),
  ];
}

/** `markaz training stipend-run --month YYYY-MM`. */
export function trainingCli(program: Command, { withDeps, emit }: CliContext): void {
  const monthArg = (v: string) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('must be a month, YYYY-MM');
    return v;
  };
  const training = program.command('training').description('Training at the centres');
  training
    .command('stipend-run')
    .description(
      'Run a month’s trainer stipends: payable (posted to the ledger) or withheld with reasons; repeatable',
    )
    .requiredOption('--month <month>', 'the month that ended, YYYY-MM', monthArg)
    .option('--json', 'print the stipends as JSON')
    .action(async (opts: { month: string; json?: boolean }) =>
      withDeps(async (deps) => {
        const { runStipends } = await import('./stipend.service.ts');
        const { systemActor } = await import('../../platform/actor.ts');
        const rows = await runStipends(deps, systemActor('cli'), opts.month);
        emit(opts.json, rows, () => stipendLines(opts.month, rows));
      }),
    );
  training
    .command('payment-file')
    .description('Print the bank payment file (CSV) of a month’s payable stipends')
    .requiredOption('--month <month>', 'YYYY-MM', monthArg)
    .action(async (opts: { month: string }) =>
      withDeps(async (deps) => {
        const { stipendPaymentFile } = await import('./stipend-file.ts');
        const { systemActor } = await import('../../platform/actor.ts');
        const file = await stipendPaymentFile(deps, systemActor('cli'), opts.month);
        process.stdout.write(file.csv);
        // Stipends held for want of an IBAN: said on stderr, so the CSV on stdout stays the bank's.
        for (const line of file.held) process.stderr.write(`held: ${line}\n`);
      }),
    );
}
