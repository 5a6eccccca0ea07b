import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { chainAll, writeCheckpoint } from '../../modules/audit/index.ts';
import { bulkLoadingBookings } from '../../modules/bookings/index.ts';
import { hashPassword } from '../../modules/identity/index.ts';
import { refreshFigures, seedTransparencyDemo } from '../../modules/transparency/index.ts';
import { systemActor } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { DEMO_PASSWORD } from '../seed-demo.ts';
import { loadBookings } from './national-bookings.ts';
import { loadWithoutSecondaryIndexes } from './national-bulk.ts';
import { loadCalls } from './national-calls.ts';
import { loadCentres, loadMonthlyReports, planCentres } from './national-centres.ts';
import { loadLoans } from './national-loans.ts';
import type { NationalOptions } from './national-options.ts';
import { loadFreelancerData, loadPeople } from './national-people.ts';
import { makeGen } from './national-sql.ts';
import { Progress, type StageReport } from './progress.ts';

export type NationalResult = { reports: StageReport[]; seconds: number; rows: Record<string, number> };

/**
 * Turns off PostgreSQL's JIT compilation for the session. The generator's statements are big
 * expressions over many rows, just what JIT targets, and compiling one bookings chunk took longer
 * than running it (EXPLAIN ANALYZE of one medium chunk on the loaded test machine: 14 s before the
 * first row with JIT, 5.6 s in all without), paid again for every chunk.
 */
async function noJit(db: Kysely<Database>): Promise<void> {
  await sql`SET jit = off`.execute(db).catch(() => {});
}

/** The generator's temporary tables. */
const TEMP_TABLES = ['mz_bank', 'mz_city', 'mz_prov', 'mz_centre', 'mz_slot', 'mz_day', 'mz_loan'] as const;

/** Tables holding programme data: a database with rows in any of them is not empty. */
const PROGRAMME_TABLES = ['users', 'centers', 'calls', 'loans', 'bookings'] as const;

export async function hasProgrammeData(deps: Deps): Promise<boolean> {
  for (const t of PROGRAMME_TABLES) {
    const r = await sql<{ x: number }>`SELECT 1 AS x FROM ${sql.table(t)} LIMIT 1`.execute(deps.db);
    if (r.rows.length) return true;
  }
  return false;
}

/**
 * Loads a national programme of the given size, set-based: every table is filled by
 * INSERT … SELECT over generate_series, with the randomness computed in SQL from the seed, in
 * chunks so that progress shows and memory stays flat. Then the derived figures are refreshed,
 * one audit entry records the load, and the audit chain is extended and signed.
 * The caller checks that the database is empty (hasProgrammeData).
 */
export async function seedNational(
  deps: Deps,
  o: NationalOptions,
  progress: Progress = new Progress(process.stderr, true),
): Promise<NationalResult> {
  const t0 = performance.now();
  const now = deps.clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD, deps.config.scryptCost);
  await deps.db.connection().execute(async (db) => {
    const g = makeGen(db, o, now, progress);
    // A bulk load: losing the last few commits to a crash costs nothing (the load is rerun).
    await sql`SET synchronous_commit = off`.execute(db).catch(() => {});
    await noJit(db);
    for (const t of TEMP_TABLES) await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
    try {
      await loadPeople(g, passwordHash);
      await planCentres(g);
      const planned = await sql<{ n: number }>`SELECT count(*)::int AS n FROM mz_centre`.execute(db);
      if (planned.rows[0]!.n !== o.centers)
        throw new Error(
          `planned ${planned.rows[0]!.n} centres instead of ${o.centers}: is the geography loaded?`,
        );
      await loadCalls(g);
      await loadCentres(g);
      await loadFreelancerData(g);
      // On PostgreSQL the bookings are generated on two connections (the work is CPU-bound in each
      // backend, and the machine the issue sizes for has two cores); PGlite has one connection.
      // The free-seat feed is off meanwhile: one message at the end instead of one per booking.
      await bulkLoadingBookings(db, () =>
        loadWithoutSecondaryIndexes(g, 'bookings', () =>
          deps.config.databaseUrl
            ? deps.db.connection().execute(async (db2) => {
                const g2 = makeGen(db2, o, now, progress);
                try {
                  await sql`SET synchronous_commit = off`.execute(db2);
                  await noJit(db2);
                  await planCentres(g2);
                  await loadBookings(g, [g2]);
                } finally {
                  for (const t of TEMP_TABLES) await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db2);
                  await sql`RESET synchronous_commit`.execute(db2);
                  await sql`RESET jit`.execute(db2);
                }
              })
            : loadBookings(g),
        ),
      );
      await loadLoans(g);
      await loadMonthlyReports(g);
      // VACUUM too, not only ANALYZE: it sets the visibility map, so the seat and booking counts of
      // search are index-only from the first query (in service autovacuum does this; a benchmark
      // or a demo straight after the load should not measure the heap fetches of a fresh table).
      progress.begin('statistics and visibility map (VACUUM ANALYZE)', 'VACUUM ANALYZE');
      await sql`VACUUM (ANALYZE)`.execute(db);
      progress.step(0);
      progress.end();
    } finally {
      for (const t of TEMP_TABLES) await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
      await sql`RESET synchronous_commit`.execute(db).catch(() => {});
      await sql`RESET jit`.execute(db).catch(() => {});
    }
  });

  progress.begin('figures, promises, audit chain', 'figures and audit');
  const rows = await countRows(deps);
  await recordChange(deps.db, systemActor('seed-national'), deps.clock, {
    action: 'national.seeded',
    entity: 'dataset',
    entityId: `national-${o.seed}`,
    details: { ...o, rows },
  });
  const promises = await deps.db.selectFrom('promises').select('id').limit(1).executeTakeFirst();
  await chainAll(deps);
  await writeCheckpoint(deps);
  if (promises) await refreshFigures(deps);
  else await seedTransparencyDemo(deps);
  await chainAll(deps);
  await writeCheckpoint(deps);
  progress.step(1);
  progress.end();
  return { reports: progress.reports, seconds: (performance.now() - t0) / 1000, rows };
}

/** The tables the national load fills, for counts and checksums. */
export const NATIONAL_TABLES = [
  'users',
  'organizations',
  'freelancer_profiles',
  'earnings_declarations',
  'calls',
  'applications',
  'evaluation_assignments',
  'evaluation_scores',
  'centers',
  'center_inspections',
  'center_opening_hours',
  'center_spaces',
  'seats',
  'bookings',
  'loans',
  'loan_instalments',
  'loan_disbursements',
  'loan_repayments',
  'ledger_transactions',
  'ledger_entries',
  'center_monthly_reports',
] as const;

export async function countRows(deps: Deps): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of NATIONAL_TABLES) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(deps.db);
    out[t] = r.rows[0]!.n;
  }
  return out;
}

/**
 * A checksum of the key tables' content (everything but per-run secrets such as password salts and
 * identity columns): equal for two loads with the same seed and clock.
 */
export async function nationalChecksum(deps: Deps): Promise<Record<string, string>> {
  const queries: Record<string, string> = {
    users: `SELECT id::text || email || name || coalesce(mobile, '') || coalesce(cnic, '') || role || locale || created_at::text AS x FROM users`,
    centers: `SELECT row(center_id, name_en, city_id, province_code, latitude, longitude, status, price_hourly_minor, internet_mbps, women_only_area)::text AS x FROM centers`,
    seats: `SELECT row(center_id, seat_id, space_id, label, kind, active)::text AS x FROM seats`,
    bookings: `SELECT row(center_id, booking_id, seat_id, booker_id, plan, during, status, price_minor, cancelled_at, checked_in_at)::text AS x FROM bookings`,
    applications: `SELECT row(id, call_id, reference, status, city_id, score_milli, rank)::text AS x FROM applications`,
    loans: `SELECT row(id, status, sanctioned_minor, disbursed_minor, repaid_minor, days_past_due, arrears_bucket, first_repayment_date)::text AS x FROM loans`,
    loan_instalments: `SELECT row(loan_id, number, due_date, principal_minor, paid_minor, status)::text AS x FROM loan_instalments`,
    ledger_entries: `SELECT row(transaction_id, account, loan_id, debit_minor, credit_minor)::text AS x FROM ledger_entries`,
  };
  const out: Record<string, string> = {};
  for (const [k, q] of Object.entries(queries)) {
    const r = await sql<{
      h: string | null;
    }>`SELECT md5(string_agg(x, ',' ORDER BY x)) AS h FROM (${sql.raw(q)}) t`.execute(deps.db);
    out[k] = r.rows[0]!.h ?? '';
  }
  return out;
}
