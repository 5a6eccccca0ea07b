import { Command, InvalidArgumentError } from 'commander';
import { AREAS, areas } from '../areas.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { type NationalFlags, nationalOptions, runNationalSeed } from '../demo/national/national-cli.ts';
import { DEMO_PASSWORD, isEmpty, seedDemo } from '../demo/seed-demo.ts';
import { backup } from '../ops/backup.ts';
import { restoreInto } from '../ops/backup-cli.ts';
import { AppError } from '../shared/errors.ts';
import { karachiDate } from '../shared/time.ts';
import { registerEventCommands } from './events-cli.ts';
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

// Each area's commands (src/areas.ts).
for (const area of AREAS) area.cli?.(program, { withDeps });
registerEventCommands(program, () => areas.handlers);

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
