import { InvalidArgumentError } from 'commander';
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

export type BackupFlags = { out: string; keys: boolean; passphraseFile?: string; json?: boolean };

/** The operator's passphrase for the key bundle: --passphrase-file, else MARKAZ_BACKUP_PASSPHRASE. */
async function passphrase(
  opts: { passphraseFile?: string },
  fromEnv: string | undefined,
): Promise<string | undefined> {
  if (opts.passphraseFile) {
    const { readFileSync } = await import('node:fs');
    return readFileSync(opts.passphraseFile, 'utf8').replace(/\r?\n$/, '');
  }
  return fromEnv;
}

export async function backup(ctx: CliContext, opts: BackupFlags): Promise<void> {
  await ctx.withDeps(
    async (deps, conn) => {
      const [
        { backup: writeBackup, backupUploads, uploadsFileOf },
        { where },
        { sealKeys },
        { writeFileSync },
      ] = await Promise.all([
        import('../ops/backup.ts'),
        import('./runtime.ts'),
        import('../platform/keys/bundle.ts'),
        import('node:fs'),
      ]);
      const phrase = opts.keys ? await passphrase(opts, deps.config.backupPassphrase) : undefined;
      if (opts.keys && (!phrase || phrase.length < 12))
        throw new InvalidArgumentError(
          'the backup carries the signing keys, encrypted: give a passphrase of 12+ characters (--passphrase-file or MARKAZ_BACKUP_PASSPHRASE), or --no-keys to leave them out',
        );
      const phases = new Phases();
      const { bytes } = await phases.run(`writing ${opts.out}`, () => writeBackup(conn, opts.out));
      const uploadsFile = uploadsFileOf(opts.out);
      const uploads = await phases.run(`archiving ${deps.config.uploadDir} to ${uploadsFile}`, () =>
        backupUploads(deps.config.uploadDir, uploadsFile),
      );
      const keysFile = `${opts.out}.keys`;
      const sealed = phrase
        ? await phases.run(`encrypting the keys to ${keysFile}`, async () => {
            const r = sealKeys(deps.config, phrase);
            writeFileSync(keysFile, `${JSON.stringify(r.bundle, null, 2)}\n`, { mode: 0o600 });
            return r;
          })
        : null;
      const wall = wallSeconds();
      ctx.emit(
        opts.json,
        {
          file: opts.out,
          bytes,
          keysFile: sealed ? keysFile : null,
          keys: sealed?.names ?? [],
          uploadsFile: uploads ? uploadsFile : null,
          uploads: uploads?.files ?? 0,
          database: where(deps.config),
          wallSeconds: wall,
        },
        () => [
          `Backed up ${where(deps.config)} to ${opts.out} (${bytes.toLocaleString('en-US')} bytes) in ${secs(wall)}.`,
          sealed
            ? `Keys (${sealed.names.join(', ')}) encrypted to ${keysFile}: keep the passphrase apart from it.`
            : 'Keys NOT backed up (--no-keys): a restore will need them from elsewhere.',
          uploads
            ? `Uploads (${uploads.files} files) archived to ${uploadsFile}.`
            : `No upload folder at ${deps.config.uploadDir}: nothing to archive.`,
        ],
      );
    },
    { migrate: false, progress: true },
  );
}

export async function restore(
  ctx: CliContext,
  opts: { from: string; keys?: string; passphraseFile?: string; json?: boolean },
): Promise<void> {
  const phases = new Phases();
  const [{ restoreInto, restoreLines }, { cliConfig }, { existsSync }] = await phases.run(
    'loading Markaz',
    () => Promise.all([import('../ops/backup-cli.ts'), import('./runtime.ts'), import('node:fs')]),
  );
  const config = cliConfig();
  const keysFile = opts.keys ?? (existsSync(`${opts.from}.keys`) ? `${opts.from}.keys` : undefined);
  const phrase = keysFile ? await passphrase(opts, config.backupPassphrase) : undefined;
  if (keysFile && !phrase)
    throw new InvalidArgumentError(
      `${keysFile} is encrypted: give its passphrase (--passphrase-file or MARKAZ_BACKUP_PASSPHRASE)`,
    );
  const r = await restoreInto(
    config,
    opts.from,
    (label, work) => phases.run(label, work),
    keysFile ? { file: keysFile, passphrase: phrase! } : undefined,
  );
  const wall = wallSeconds();
  ctx.emit(opts.json, { ...r, wallSeconds: wall }, () => [...restoreLines(r), `Done in ${secs(wall)}.`]);
  if (!r.ok) process.exitCode = 1;
}
