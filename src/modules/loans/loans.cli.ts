import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../../platform/area.ts';
import { isIsoDate } from '../../shared/time.ts';
import type { CobResult } from './cob.job.ts';
import type { LedgerVerifyResult } from './ledger-verify.service.ts';
import type { SchedulePreview } from './loans.schema.ts';

// Imports only commander, a date check and types at the top: services load when a command runs.

const rupees = (minor: number) =>
  (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function cobLines(r: CobResult): string[] {
  // Run again, a day already closed accrues nothing new: say what this run posted, then the day's totals.
  const again = r.newlyAccruedLoans !== r.accruedLoans;
  return [
    `Closed ${r.date}: ${r.arrearsRowsUpdated} instalment(s) aged, ${r.classifiedLoss.length} loan(s) classified loss, ` +
      (again
        ? `subsidy newly accrued on ${r.newlyAccruedLoans} loan(s): Rs ${rupees(r.newlyAccruedMinor)} ` +
          `(the day's total, posted before: ${r.accruedLoans} loan(s), Rs ${rupees(r.accruedMinor)})`
        : `subsidy accrued on ${r.accruedLoans} loan(s): Rs ${rupees(r.accruedMinor)}`) +
      (r.loansWithoutRate ? `; ${r.loansWithoutRate} loan(s) without a rate in force` : ''),
  ];
}

export function scheduleLines(s: SchedulePreview): string[] {
  // A due date rolled off a weekend or holiday names the day it was scheduled for.
  const due = (i: SchedulePreview['instalments'][number]) =>
    i.scheduledDate ? `${i.dueDate} (from ${i.scheduledDate})` : i.dueDate;
  const rows = s.instalments.map((i) => [String(i.number), due(i), rupees(i.principalMinor)]);
  const head = ['#', 'due', 'principal (Rs)'];
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `${r[0]!.padStart(w[0]!)}  ${r[1]!.padEnd(w[1]!)}  ${r[2]!.padStart(w[2]!)}`;
  return [
    `Principal Rs ${rupees(s.principalMinor)} over ${s.tenorMonths} months (${s.graceMonths} of grace), ` +
      `${s.repaymentMonths} repayments, rounded to the ${s.unit}`,
    '',
    line(head),
    ...rows.map(line),
    line(['', 'total', rupees(s.instalments.reduce((t, i) => t + i.principalMinor, 0))]),
  ];
}

export function ledgerLines(r: LedgerVerifyResult): string[] {
  const head = r.ok
    ? `OK: ${r.transactions} transactions, ${r.entries} entries balance (debits = credits = Rs ${rupees(r.debitsMinor)})`
    : `PROBLEMS: ${r.problems.length} found in ${r.transactions} transactions, ${r.entries} entries ` +
      `(debits Rs ${rupees(r.debitsMinor)}, credits Rs ${rupees(r.creditsMinor)})`;
  return [head, ...r.problems.map((p) => `  - ${p}`)];
}

/** `markaz cob`, `markaz loans`, `markaz ledger`. */
export function loansCli(program: Command, { withDeps, emit }: CliContext): void {
  const isoDateArg = (v: string) => {
    if (!isIsoDate(v)) throw new InvalidArgumentError('must be a date, YYYY-MM-DD');
    return v;
  };

  const cob = program.command('cob').description('The nightly close of business for loans');
  cob
    .command('run')
    .description('Close one day: age arrears, classify loss, accrue the markup subsidy (once per day)')
    .requiredOption('--date <date>', 'the day to close, YYYY-MM-DD', isoDateArg)
    .option('--again', 'run again even if the day was closed already (it changes nothing that was done)')
    .option('--json', 'print the outcome as JSON')
    .action(async (opts: { date: string; again?: boolean; json?: boolean }) =>
      withDeps(async (deps) => {
        const { closeOfBusiness, closeOfBusinessJob } = await import('./cob.job.ts');
        if (opts.again) {
          const result = await closeOfBusiness(deps, opts.date);
          emit(opts.json, { outcome: 'ran', result }, () => cobLines(result));
          return;
        }
        const { runPeriodic } = await import('../../jobs/scheduler.ts');
        const r = await runPeriodic(deps, closeOfBusinessJob, opts.date, undefined, { retryExhausted: true });
        emit(opts.json, r, () => {
          if (r.outcome === 'ran') return cobLines(r.result as CobResult);
          if (r.outcome === 'skipped')
            return `${opts.date} was closed already (add --again to run it again).`;
          return `FAILED to close ${opts.date}: ${r.error}`;
        });
        if (r.outcome === 'failed') process.exitCode = 1;
      }),
    );

  const loans = program.command('loans').description('Interest-free loans');
  loans
    .command('schedule')
    .description(
      'Print a repayment schedule as the API previews it: the programme’s settings, due dates rolled off ' +
        'weekends and public holidays as the loan rules say (reads the database, stores nothing)',
    )
    .requiredOption('--principal <rupees>', 'principal in rupees, e.g. 1250 or 1,250.50')
    .requiredOption('--months <n>', 'tenor in months, grace included')
    .option('--grace <n>', 'months of grace on principal, inside the tenor', '0')
    .option('--start <date>', 'loan start; the first instalment falls one month after grace', isoDateArg)
    .option('--first <date>', 'first repayment date (instead of working it out from --start)', isoDateArg)
    .option('--repayment-day <day>', 'day of the month instalments fall due, 1–31 (default: the start’s day)')
    .option('--unit <unit>', 'round instalments to a whole rupee or paisa (default: the programme’s setting)')
    .option('--json', 'print the schedule as JSON')
    .action(
      async (opts: {
        principal: string;
        months: string;
        grace: string;
        start?: string;
        first?: string;
        repaymentDay?: string;
        unit?: string;
        json?: boolean;
      }) => {
        const [{ parseMajor }, { AppError }, { SchedulePreviewInputSchema }] = await Promise.all([
          import('../../shared/money.ts'),
          import('../../shared/errors.ts'),
          import('./loans.schema.ts'),
        ]);
        let principalMinor: number;
        try {
          principalMinor = parseMajor(opts.principal).amountMinor;
        } catch {
          throw new InvalidArgumentError(`--principal: not an amount in rupees: ${opts.principal}`);
        }
        const parsed = SchedulePreviewInputSchema.safeParse({
          principalMinor,
          tenorMonths: Number(opts.months),
          graceMonths: Number(opts.grace),
          start: opts.start,
          firstRepaymentDate: opts.first,
          repaymentDay: opts.repaymentDay === undefined ? undefined : Number(opts.repaymentDay),
          unit: opts.unit,
        });
        if (!parsed.success)
          throw new AppError(
            'validation_failed',
            parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        // The same preview as POST /api/v1/loans/schedule-preview: one calendar for both.
        await withDeps(async (deps) => {
          const [{ karachiDate }, { sanctionPreview }] = await Promise.all([
            import('../../shared/time.ts'),
            import('./loan-read.service.ts'),
          ]);
          const schedule = await sanctionPreview(deps.db, parsed.data, karachiDate(deps.clock.now()));
          emit(opts.json, schedule, () => scheduleLines(schedule));
        });
      },
    );

  const ledger = program.command('ledger').description('The loans ledger');
  ledger
    .command('verify')
    .description('Check that debits equal credits and each loan’s balance equals its schedule’s outstanding')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { verifyLedger } = await import('./ledger-verify.service.ts');
        const res = await verifyLedger(deps);
        emit(opts.json, res, () => ledgerLines(res));
        if (!res.ok) process.exitCode = 1;
      }),
    );
}
