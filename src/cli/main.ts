import { Command, InvalidArgumentError, Option } from 'commander';
import { migrateToLatest } from '../db/migrate.ts';
import { type NationalFlags, nationalOptions, runNationalSeed } from '../demo/national/national-cli.ts';
import { DEMO_PASSWORD, isEmpty, seedDemo } from '../demo/seed-demo.ts';
import { runPeriodic } from '../jobs/scheduler.ts';
import { chainAll, verifyChain, writeCheckpoint } from '../modules/audit/index.ts';
import {
  closeOfBusiness,
  closeOfBusinessJob,
  previewSchedule,
  SchedulePreviewInputSchema,
  verifyLedger,
} from '../modules/loans/index.ts';
import { backup } from '../ops/backup.ts';
import { restoreInto } from '../ops/backup-cli.ts';
import { AppError } from '../shared/errors.ts';
import { parseMajor } from '../shared/money.ts';
import { isIsoDate, karachiDate } from '../shared/time.ts';
import { registerEventCommands } from './events-cli.ts';
import { createUser, ROLES_FOR_CLI, systemActor } from './identity-cli.ts';
import { configOrExit, where, withDeps } from './runtime.ts';
import { serve } from './serve.ts';

const program = new Command();
program
  .name('markaz')
  .description("Markaz — the platform for Pakistan's e-working centres programme")
  .showHelpAfterError('(add --help for usage)');

program
  .command('serve')
  .description('Start the web server and scheduled jobs (migrates, and loads the demo on an empty database)')
  .action(async () => serve(configOrExit()));

program
  .command('migrate')
  .description('Run database migrations to the latest version')
  .action(async () =>
    withDeps(
      async (deps) => {
        console.log(`Migrating ${where(deps.config)}…`);
        const res = await migrateToLatest(deps.db);
        const applied = res.results?.filter((r) => r.status === 'Success') ?? [];
        for (const r of applied) console.log(`  ✓ ${r.migrationName}`);
        console.log(applied.length ? `${applied.length} migration(s) applied.` : 'Already up to date.');
      },
      { migrate: false },
    ),
  );

program
  .command('seed')
  .description('Load data')
  .option('--demo', 'the demo programme (people of every role, calls, loans, centres…)')
  .option('--national', 'a national-scale programme, generated set-based from a seed (see --preset)')
  .option(
    '--preset <name>',
    'national size: small | medium | full (default: small on PGlite, full on PostgreSQL)',
  )
  .option('--centers <n>', 'national: centres')
  .option('--seats-per-center <n>', 'national: seats in each centre')
  .option('--freelancers <n>', 'national: freelancers')
  .option('--days <n>', 'national: days of bookings up to today (a quarter as many are booked ahead)')
  .option('--loans <n>', 'national: loans')
  .option('--seed <n>', 'national: the seed number; the same seed gives the same data', '42')
  .option('--force', 'load even when the database is not empty')
  .action(async (opts: { demo?: boolean; national?: boolean; force?: boolean } & NationalFlags) => {
    if (opts.national) {
      await withDeps(async (deps) => {
        const o = nationalOptions(opts, Boolean(deps.config.databaseUrl), karachiDate(deps.clock.now()));
        if (!(await runNationalSeed(deps, o, Boolean(opts.force)))) process.exitCode = 1;
      });
      return;
    }
    if (!opts.demo) throw new InvalidArgumentError('say what to seed: --demo or --national');
    await withDeps(async (deps) => {
      if (!opts.force && !(await isEmpty(deps))) {
        console.error('The database already has users; use --force to add the demo anyway.');
        process.exitCode = 1;
        return;
      }
      const logins = await seedDemo(deps, (m) => console.log(`  · ${m}`));
      console.log(`Demo loaded. Password for all: ${DEMO_PASSWORD}`);
      for (const l of logins) console.log(`  ${l.role.padEnd(14)} ${l.email}`);
    });
  });

const user = program.command('user').description('Manage accounts');
user
  .command('add')
  .description('Create an account of any role')
  .addOption(new Option('--role <role>', 'role').choices(ROLES_FOR_CLI).makeOptionMandatory())
  .requiredOption('--email <email>', 'email address (the login)')
  .option('--name <name>', 'full name')
  .option('--mobile <mobile>', 'Pakistani mobile number')
  .option('--cnic <cnic>', 'CNIC #####-#######-#')
  .option('--org <code>', 'organisation code (a bank officer belongs to a bank)')
  .option('--password <password>', 'password (omit to generate a one-time password)')
  .action(async (opts) =>
    withDeps(async (deps) => {
      const r = await createUser(deps, systemActor('cli'), opts);
      console.log(`Created ${r.user.role} ${r.user.email} (${r.user.id})`);
      if (r.initialPassword) console.log(`One-time password: ${r.initialPassword}`);
    }),
  );

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

// TODO(manifest): the composed list of every area's event handlers.
registerEventCommands(program, () => []);

program
  .command('backup')
  .description('Back up the database: PGlite data folder to a .tar.gz, PostgreSQL with pg_dump -Fc')
  .requiredOption('--out <file>', 'where to write the backup')
  .action(async (opts: { out: string }) =>
    withDeps(
      async (_deps, conn) => {
        const { bytes } = await backup(conn, opts.out);
        console.log(
          `Backed up ${where(_deps.config)} to ${opts.out} (${bytes.toLocaleString('en-US')} bytes).`,
        );
      },
      { migrate: false },
    ),
  );

program
  .command('restore')
  .description('Restore a backup into an empty database, then verify the audit chain and the ledger')
  .requiredOption('--from <file>', 'a backup written by markaz backup')
  .action(async (opts: { from: string }) => {
    if (!(await restoreInto(configOrExit(), opts.from))) process.exitCode = 1;
  });

program.hook('preAction', () => {
  process.on('unhandledRejection', (err) => {
    console.error(err);
    process.exit(1);
  });
});

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError) {
    console.error(`Error: ${err.message}`);
    process.exit(1);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
