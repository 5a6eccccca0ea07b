import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Connection, Db } from '../db/connect.ts';

const run = promisify(execFile);

/**
 * Backups as an operator takes them: PGlite's data folder dumped to one gzipped tar
 * (`dumpDataDir`), PostgreSQL with `pg_dump -Fc` (the custom format pg_restore reads).
 * Continuous archiving (base backup + WAL, point-in-time recovery) is the server's job: see
 * docs/operations.md.
 */
export async function backup(conn: Connection, file: string): Promise<{ bytes: number }> {
  if (conn.kind === 'pglite') {
    const blob = await conn.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await blob.arrayBuffer());
    writeFileSync(file, bytes);
    return { bytes: bytes.length };
  }
  await run('pg_dump', ['-Fc', '--no-owner', '-f', file, '-d', conn.url!], { maxBuffer: 1 << 26 });
  return { bytes: readFileSync(file).length };
}

/** Restores a PostgreSQL backup into an empty database at `url` (pg_restore, in one transaction). */
export async function restorePostgres(file: string, url: string): Promise<void> {
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', '-d', url, file], {
    maxBuffer: 1 << 26,
  });
}

/** Whether the PostgreSQL client tools are on PATH. */
export async function hasPgDump(): Promise<boolean> {
  try {
    await run('pg_dump', ['--version']);
    await run('pg_restore', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Rows in every table of the public schema, for comparing a restore with its source. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>`
    SELECT table_name AS t FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  const out: Record<string, number> = {};
  for (const { t } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(db);
    out[t] = r.rows[0]!.n;
  }
  return out;
}

/**
 * The upload folder (documents, photos) as a gzipped tar beside the database backup: without it a
 * restore had the rows that name the files but not the files. Null when there is no folder.
 */
export async function backupUploads(
  dir: string,
  file: string,
): Promise<{ files: number; bytes: number } | null> {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  await run('tar', ['-czf', file, '-C', dir, '.'], { maxBuffer: 1 << 26 });
  return { files, bytes: statSync(file).size };
}

/** Puts an uploads archive back into an empty (or missing) upload folder. */
export async function restoreUploads(file: string, dir: string): Promise<{ files: number }> {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty: restore the uploads into a new MARKAZ_UPLOAD_DIR`);
  mkdirSync(dir, { recursive: true });
  await run('tar', ['-xzf', file, '-C', dir], { maxBuffer: 1 << 26 });
  return {
    files: readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length,
  };
}

export const uploadsFileOf = (backupFile: string) => `${backupFile}.uploads.tar.gz`;
