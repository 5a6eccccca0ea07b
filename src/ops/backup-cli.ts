import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { areas } from '../areas.ts';
import type { Config } from '../config.ts';
import { type Connection, connectPglite, connectPostgres, createPglite } from '../db/connect.ts';
import { type Deps, silentLogger } from '../deps.ts';
import { type VerifyResult, verifyChain } from '../modules/audit/index.ts';
import { type LedgerVerifyResult, verifyLedger } from '../modules/loans/index.ts';
import { restoreKeys } from '../platform/keys/bundle.ts';
import { KeyError, type SecretName, type SigningKeyName, secret, signer } from '../platform/keys/index.ts';
import { AppError } from '../shared/errors.ts';
import { systemClock } from '../shared/time.ts';
import { restorePostgres, restoreUploads, tableCounts, uploadsFileOf } from './backup.ts';

export type RestoreResult = {
  ok: boolean;
  /** Keys put back from the bundle, and each published key's state: held, or missing (an error). */
  keys: { restored: string[]; problems: string[] };
  /** Files put back into the upload folder from `<backup>.uploads.tar.gz`; null when there was none. */
  uploads: number | null;
  rows: number;
  tables: Record<string, number>;
  auditChain: VerifyResult;
  ledger: LedgerVerifyResult;
};

/** Runs one timed phase of a long command (the CLI shows it as progress). */
export type Step = <T>(label: string, work: () => Promise<T>) => Promise<T>;

/**
 * `markaz restore`: into an empty target only (a fresh PGlite data folder, or an empty PostgreSQL
 * database), then the checks of the restore drill: the audit chain and the ledger verify. A target
 * that is not empty is refused (AppError conflict).
 */
export async function restoreInto(
  config: Config,
  file: string,
  step: Step = (_label, work) => work(),
  keyBundle?: { file: string; passphrase: string },
): Promise<RestoreResult> {
  const uploadsFile = uploadsFileOf(file);
  if (existsSync(uploadsFile) && existsSync(config.uploadDir) && readdirSync(config.uploadDir).length > 0)
    throw new AppError(
      'conflict',
      `${config.uploadDir} is not empty: restore the uploads into a new MARKAZ_UPLOAD_DIR.`,
    );
  // Keys first: a wrong passphrase or a conflicting key stops the restore before it writes anything.
  const restoredKeys = keyBundle
    ? await step(`restoring the keys from ${keyBundle.file}`, async () =>
        restoreKeys(config, JSON.parse(readFileSync(keyBundle.file, 'utf8')), keyBundle.passphrase),
      )
    : { restored: [], kept: [] };
  let conn: Connection;
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    conn = connectPostgres(url, 2);
    const tables = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(
      conn.db,
    );
    await conn.close();
    if (tables.rows[0]!.n > 0)
      throw new AppError(
        'conflict',
        'The target database is not empty: restore into a freshly created one (createdb).',
      );
    await step(`pg_restore of ${file}`, () => restorePostgres(file, url));
    conn = connectPostgres(url, 2);
  } else {
    const dir = `${config.dataDir}/pgdata`;
    if (existsSync(dir) && readdirSync(dir).length > 0)
      throw new AppError('conflict', `${dir} is not empty: restore into a new MARKAZ_DATA_DIR.`);
    conn = await step(`restoring ${file} into ${dir}`, async () =>
      connectPglite(await createPglite({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) })),
    );
  }
  try {
    const deps = { areas, db: conn.db, clock: systemClock, config, log: silentLogger };
    const uploads = existsSync(uploadsFile)
      ? await step(`restoring the uploads into ${config.uploadDir}`, () =>
          restoreUploads(uploadsFile, config.uploadDir),
        )
      : null;
    const counts = await step('counting rows', () => tableCounts(conn.db));
    const auditChain = await step('verifying the audit chain', () => verifyChain(deps));
    const ledger = await step('verifying the ledger', () => verifyLedger(deps));
    const problems = await step('checking the published keys are held', () => missingKeys(deps));
    return {
      ok: auditChain.ok && ledger.ok && problems.length === 0,
      keys: { restored: restoredKeys.restored, problems },
      uploads: uploads?.files ?? null,
      rows: Object.values(counts).reduce((s, n) => s + n, 0),
      tables: counts,
      auditChain,
      ledger,
    };
  } finally {
    await conn.close();
  }
}

/**
 * Every key the restored database published must be held by this server (file or environment),
 * and be the same key: a restore never silently makes a new one.
 */
async function missingKeys(deps: Deps): Promise<string[]> {
  const problems: string[] = [];
  const published = await deps.db
    .selectFrom('published_keys')
    .select(['name', 'key_id', 'kind'])
    .where('retired_at', 'is', null)
    .execute();
  for (const k of published) {
    try {
      if (k.kind === 'signing') await signer(deps, k.name as SigningKeyName);
      else await secret(deps, k.name as SecretName);
    } catch (err) {
      problems.push(err instanceof KeyError ? err.message : String(err));
    }
  }
  return problems;
}

/** The restore's report for people. */
export function restoreLines(r: RestoreResult): string[] {
  const c = r.tables;
  return [
    `Restored ${r.rows} rows in ${Object.keys(c).length} tables ` +
      `(users ${c.users ?? 0}, bookings ${c.bookings ?? 0}, loans ${c.loans ?? 0}).`,
    `Audit chain: ${r.auditChain.ok ? `OK, ${r.auditChain.checkedEntries} entries` : `BROKEN: ${r.auditChain.broken?.reason}`}`,
    r.keys.problems.length
      ? `Keys: MISSING: ${r.keys.problems.join('; ')}`
      : `Keys: OK${r.keys.restored.length ? `, restored ${r.keys.restored.join(', ')}` : ''}`,
    r.uploads === null ? 'Uploads: none in the backup' : `Uploads: ${r.uploads} files restored`,
    `Ledger: ${r.ledger.ok ? `OK, ${r.ledger.entries} entries` : `PROBLEMS: ${r.ledger.problems.slice(0, 5).join('; ')}`}`,
  ];
}
