import { type Command, InvalidArgumentError } from 'commander';
import { runPeriodic } from '../../jobs/scheduler.ts';
import type { CliContext } from '../../platform/area.ts';
import { AppError } from '../../shared/errors.ts';
import { parseMajor } from '../../shared/money.ts';
import { isIsoDate, karachiDate } from '../../shared/time.ts';
import { closeOfBusiness, closeOfBusinessJob } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { previewSchedule } from './loan-read.service.ts';
import { SchedulePreviewInputSchema } from './loans.schema.ts';

/** `markaz cob`, `markaz loans`, `markaz ledger`. */
export function loansCli(program: Command, { withDeps }: CliContext): void {
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
    .action(async (opts: { date: string; again?: boolean }) =>
      withDeps(async (deps) => {
        if (opts.again) {
          console.log(
            JSON.stringify({ outcome: 'ran', result: await closeOfBusiness(deps, opts.date) }, null, 2),
          );
          return;
        }
        const r = await runPeriodic(deps, closeOfBusinessJob, opts.date, undefined, { retryExhausted: true });
        console.log(JSON.stringify(r, null, 2));
        if (r.outcome === 'failed') process.exitCode = 1;
      }),
    );

  const loans = program.command('loans').description('Interest-free loans');
  loans
    .command('schedule')
    .description('Print a repayment schedule as JSON (nothing is stored)')
    .requiredOption('--principal <rupees>', 'principal in rupees, e.g. 1250 or 1,250.50')
    .requiredOption('--months <n>', 'tenor in months, grace included')
    .option('--grace <n>', 'months of grace on principal, inside the tenor', '0')
    .option('--start <date>', 'loan start; the first instalment falls one month after grace', isoDateArg)
    .option('--first <date>', 'first repayment date (instead of working it out from --start)', isoDateArg)
    .option('--unit <unit>', 'round instalments to a whole rupee or paisa', 'rupee')
    .action(
      (opts: {
        principal: string;
        months: string;
        grace: string;
        start?: string;
        first?: string;
        unit: string;
      }) => {
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
          unit: opts.unit,
        });
        if (!parsed.success)
          throw new AppError(
            'validation_failed',
            parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        console.log(JSON.stringify(previewSchedule(parsed.data, karachiDate(new Date())), null, 2));
      },
    );

  const ledger = program.command('ledger').description('The loans ledger');
  ledger
    .command('verify')
    .description('Check that debits equal credits and each loan’s balance equals its schedule’s outstanding')
    .action(async () =>
      withDeps(async (deps) => {
        const res = await verifyLedger(deps);
        console.log(JSON.stringify(res, null, 2));
        if (!res.ok) process.exitCode = 1;
      }),
    );
}
