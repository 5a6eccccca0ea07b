import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { AREA_CLIS } from '../areas.cli.ts';
import type { CliContext } from '../platform/area.ts';
import { eventsCli } from './events-cli.ts';
import { CliExit, EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import type { SeedFlags } from './seed-commands.ts';

// The command tree, declared: nothing here loads a service, the database or the areas' code.
// Each action imports what it needs when it runs (`markaz --help` takes well under a second).

const version = (): string =>
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;

/** The whole `markaz` program. Commander's own errors are thrown (exitOverride) for main.ts to map. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command();
  program
    .name('markaz')
    .description("Markaz — the platform for Pakistan's e-working centres programme")
    .version(version(), '-V, --version', 'print the version')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('afterAll', `\n${EXIT_CODES_HELP}`)
    // Commander has printed its message (or the help, or the version) by now; subcommands inherit
    // this, so every usage error exits 2 rather than commander's 1.
    .exitOverride((err) => {
      throw new CliExit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
    });

  program
    .command('serve')
    .description(
      'Start the web server and scheduled jobs (migrates, and loads the demo on an empty database)',
    )
    .action(async () => {
      const [{ serve }, { cliConfig }] = await Promise.all([import('./serve.ts'), import('./runtime.ts')]);
      await serve(cliConfig());
    });

  program
    .command('migrate')
    .description('Run database migrations to the latest version')
    .option('--json', 'print the migrations applied as JSON')
    .action(async (opts: { json?: boolean }) => (await import('./db-commands.ts')).migrate(ctx, opts));

  program
    .command('seed')
    .description('Load data: the demo programme, or a national-scale one')
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
    .option('--json', 'print the result (logins, or rows per table and timings) as JSON')
    .action(async (opts: SeedFlags) => {
      if (!opts.national && !opts.demo)
        throw new InvalidArgumentError('say what to seed: --demo or --national');
      if (opts.national && opts.demo) throw new InvalidArgumentError('seed one thing: --demo or --national');
      const seed = await import('./seed-commands.ts');
      await (opts.national ? seed.seedNationalCommand(ctx, opts) : seed.seedDemoCommand(ctx, opts));
    });

  program
    .command('backup')
    .description(
      'Back up the database (PGlite data folder to a .tar.gz, PostgreSQL with pg_dump -Fc) and the keys, encrypted',
    )
    .requiredOption('--out <file>', 'where to write the backup (the keys go to <file>.keys, encrypted)')
    .option(
      '--passphrase-file <file>',
      'the passphrase that encrypts the keys (else MARKAZ_BACKUP_PASSPHRASE)',
    )
    .option('--no-keys', 'leave the signing keys and secrets out of the backup')
    .option('--json', 'print the file and its size as JSON')
    .action(async (opts: { out: string; keys: boolean; passphraseFile?: string; json?: boolean }) =>
      (await import('./db-commands.ts')).backup(ctx, opts),
    );

  program
    .command('restore')
    .description(
      'Restore a backup and its keys into an empty database, then verify the keys, the audit log and the ledger',
    )
    .requiredOption('--from <file>', 'a backup written by markaz backup')
    .option('--keys <file>', 'the encrypted key bundle (default <from>.keys when it exists)')
    .option('--passphrase-file <file>', "the key bundle's passphrase (else MARKAZ_BACKUP_PASSPHRASE)")
    .option('--json', 'print the rows restored and the checks as JSON')
    .action(async (opts: { from: string; keys?: string; passphraseFile?: string; json?: boolean }) =>
      (await import('./db-commands.ts')).restore(ctx, opts),
    );

  // Each area's commands (src/areas.cli.ts, the same as the manifests' `cli` in src/areas.ts).
  for (const { cli } of AREA_CLIS) cli(program, ctx);
  eventsCli(program, ctx);
  return program;
}
