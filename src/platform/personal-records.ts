import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';

/**
 * What an area holds about a person, and what it does when that person exercises their rights
 * (issue 22, docs/decisions/0058-peoples-rights.md): download it all, ask to correct a field,
 * close the account. Each area declares its part as `personalRecords` in its manifest, so a new
 * area that keeps people's data plugs in the same way; the privacy area reads every area's part.
 */
export type Bilingual = { en: string; ur: string };

/** A table whose rows about the person are exported as they are (only the columns listed). */
export type RecordTable = {
  /** Stable key of the section in the export, e.g. `bookings`. */
  section: string;
  title: Bilingual;
  table: string;
  /** The column holding the person's user id. */
  by: string;
  /** Columns exported (never sealed columns: the area's `export` opens those). */
  columns: readonly string[];
  orderBy?: string;
};

/** One part of a person's export: a titled list of records (each a flat object). */
export type RecordSection = { section: string; title: Bilingual; rows: Record<string, unknown>[] };

/** A field a person may ask to correct, and how an approved correction is written. */
export type CorrectableField = {
  field: string;
  label: Bilingual;
  /** Refuses a bad value with an English message; returns the normalised value. */
  parse(value: string): string;
  /** The value today (shown beside the request), or null when the area holds none for the person. */
  current(db: Kysely<Database>, deps: Deps, userId: string): Promise<string | null>;
  /** Writes an approved value inside the decision's transaction. */
  apply(trx: Kysely<Database>, deps: Deps, userId: string, value: string): Promise<void>;
};

/**
 * Something that stops a closure: `refuse` (an active loan: the person is told why, nothing
 * changes) or `review` (a stipend not yet paid: a staff member decides).
 */
export type Obligation = { code: string; effect: 'refuse' | 'review'; message: Bilingual };

/** A kind of record kept only for a period; the nightly retention job deletes what is older. */
export type RetentionRule = {
  kind: string;
  label: Bilingual;
  defaultDays: number;
  /** The shortest period staff may set (records others rely on, such as the data-access log). */
  minDays: number;
  /** How many rows are older than `before` (the dry run). */
  count(db: Kysely<Database>, before: Date): Promise<number>;
  /** Deletes (or empties) them, and any files they name (`deps` reaches the upload store); returns how many. */
  apply(db: Kysely<Database>, before: Date, deps: Deps): Promise<number>;
};

/** The plain rule's count and delete: rows of `table` whose `column` is before the cut-off. */
export function olderThan(table: string, column: string): Pick<RetentionRule, 'count' | 'apply'> {
  return {
    count: async (db, before) =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} < ${before}`.execute(
          db,
        )
      ).rows[0]!.n,
    apply: async (db, before) =>
      Number(
        (await sql`DELETE FROM ${sql.table(table)} WHERE ${sql.ref(column)} < ${before}`.execute(db))
          .numAffectedRows ?? 0,
      ),
  };
}

export type PersonalRecords = {
  tables?: readonly RecordTable[];
  /** Records that need more than a plain select (sealed contacts opened, joined names). */
  export?(deps: Deps, userId: string): Promise<RecordSection[]>;
  corrections?: readonly CorrectableField[];
  obligations?(db: Kysely<Database>, userId: string, now: Date): Promise<Obligation[]>;
  /**
   * Erases or anonymises the person's personal fields inside the closure's transaction; records
   * that law and audit require (loans, ledger, audit entries) stay, under the same user id, which
   * is from then on a pseudonymous reference.
   */
  erase?(trx: Kysely<Database>, deps: Deps, userId: string): Promise<void>;
  retention?: readonly RetentionRule[];
};
