import type { CliContext } from '../platform/area.ts';
import { Phases, secs, wallSeconds } from './output.ts';

// `markaz migrate`, `backup`, `restore`: loaded when one of them runs.

export async function migrate(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  await ctx.withDeps(
    async (deps) => {
      const [{ migrateToLatest }, { where }] = await Promise.all([
        import('../db/migrate.ts'),
        import('./runtime.ts'),
      ]);
      const res = await new Phases().run(`migrating ${where(deps.config)}`, () => migrateToLatest(deps.db));
      const applied = res.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
      ctx.emit(opts.json, { applied }, () => [
        ...applied.map((m) => `  ✓ ${m}`),
        applied.length ? `${applied.length} migration(s) applied.` : 'Already up to date.',
      ]);
    },
    { migrate: false, progress: true },
  );
}

export async function backup(ctx: CliContext, opts: { out: string; json?: boolean }): Promise<void> {
  await ctx.withDeps(
    async (deps, conn) => {
      const [{ backup: writeBackup }, { where }] = await Promise.all([
        import('../ops/backup.ts'),
        import('./runtime.ts'),
      ]);
      const { bytes } = await new Phases().run(`writing ${opts.out}`, () => writeBackup(conn, opts.out));
      const wall = wallSeconds();
      ctx.emit(
        opts.json,
        { file: opts.out, bytes, database: where(deps.config), wallSeconds: wall },
        () =>
          `Backed up ${where(deps.config)} to ${opts.out} (${bytes.toLocaleString('en-US')} bytes) in ${secs(wall)}.`,
      );
    },
    { migrate: false, progress: true },
  );
}

export async function restore(ctx: CliContext, opts: { from: string; json?: boolean }): Promise<void> {
  const phases = new Phases();
  const [{ restoreInto, restoreLines }, { cliConfig }] = await phases.run('loading Markaz', () =>
    Promise.all([import('../ops/backup-cli.ts'), import('./runtime.ts')]),
  );
  const r = await restoreInto(cliConfig(), opts.from, (label, work) => phases.run(label, work));
  const wall = wallSeconds();
  ctx.emit(opts.json, { ...r, wallSeconds: wall }, () => [...restoreLines(r), `Done in ${secs(wall)}.`]);
  if (!r.ok) process.exitCode = 1;
}
