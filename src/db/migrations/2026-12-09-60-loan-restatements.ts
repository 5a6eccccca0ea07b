import { type Kysely, sql } from 'kysely';

// Issue 19, review findings (docs/decisions/0046-rate-restatements-and-reallocation.md):
// - loan_repayment_allocations: where a repayment's principal stands now, when a reversal of an
//   earlier repayment re-ran its allocation. A repayment row is append-only (money), so the new
//   allocation is a row here; the latest one per repayment applies, else the repayment's own.
// - benchmark_rate_restatements: a published benchmark fixing corrected after the fact, with the
//   value it replaced and why. The fixing itself takes the corrected value; the loans priced on it
//   are recomputed from its date and the differences posted as subsidy adjustments.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE loan_repayment_allocations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      repayment_id uuid NOT NULL REFERENCES loan_repayments(id),
      loan_id uuid NOT NULL REFERENCES loans(id),
      allocation jsonb NOT NULL,
      reversal_id uuid NOT NULL REFERENCES loan_reversals(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX loan_repayment_allocations_repayment
    ON loan_repayment_allocations (repayment_id, created_at)`.execute(db);
  await sql`CREATE TRIGGER loan_repayment_allocations_append_only
    BEFORE UPDATE OR DELETE ON loan_repayment_allocations
    FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);

  await sql`
    CREATE TABLE benchmark_rate_restatements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      benchmark_rate_id uuid NOT NULL REFERENCES benchmark_rates(id),
      benchmark text NOT NULL,
      effective_from date NOT NULL,
      from_bps integer NOT NULL,
      to_bps integer NOT NULL CHECK (to_bps BETWEEN 0 AND 10000 AND to_bps <> from_bps),
      reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 1000),
      loans_recomputed integer NOT NULL DEFAULT 0,
      adjusted_minor bigint NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX benchmark_rate_restatements_rate
    ON benchmark_rate_restatements (benchmark_rate_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS benchmark_rate_restatements`.execute(db);
  await sql`DROP TABLE IF EXISTS loan_repayment_allocations`.execute(db);
}
