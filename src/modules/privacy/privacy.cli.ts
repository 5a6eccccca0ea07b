import type { Command } from 'commander';
import type { CliContext } from '../../platform/area.ts';

// `markaz privacy …`: retention periods applied by hand (or only counted). Imports only commander
// and types at the top: services load when a command runs.

type Line = { kind: string; days: number; before: string; rows: number };

export function retentionLines(rows: readonly Line[], dryRun: boolean): string[] {
  if (!rows.length) return ['No kind of record has a retention period.'];
  return [
    ...rows.map(
      (r) =>
        `${r.kind.padEnd(26)} kept ${String(r.days).padStart(5)} days (before ${r.before.slice(0, 10)}): ${r.rows} ${dryRun ? 'would be deleted' : 'deleted'}`,
    ),
    dryRun ? 'Dry run: nothing was deleted.' : `${rows.reduce((a, r) => a + r.rows, 0)} rows deleted.`,
  ];
}

/** `markaz privacy retention [--dry-run]`. */
export function privacyCli(program: Command, { withDeps, emit }: CliContext): void {
  const privacy = program.command('privacy').description('People’s rights over their data: retention');
  privacy
    .command('retention')
    .description('Delete records older than their retention period (the nightly job does the same)')
    .option('--dry-run', 'only count what would be deleted')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) =>
      withDeps(async (deps) => {
        const { runRetention } = await import('./retention.service.ts');
        const dryRun = opts.dryRun === true;
        const rows = await runRetention(deps, { dryRun });
        emit(opts.json, { dryRun, kinds: rows }, () => retentionLines(rows, dryRun));
      }),
    );
}
