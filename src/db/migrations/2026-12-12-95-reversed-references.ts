import { type Kysely, sql } from 'kysely';

// A reversed repayment or tranche gives its bank reference back (issue 19 review, decision 0084).
// The rows are append-only, so a reversal cannot mark them; instead each entry is posted with the
// reference's generation: how many entries of the loan under that reference had been reversed when
// it was posted. The reference is unique per generation, so a live entry still holds it, and a
// mistaken reversal is corrected by posting the entry again under its own reference.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['loan_repayments', 'loan_disbursements']) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN reference_generation integer NOT NULL DEFAULT 0
      CHECK (reference_generation >= 0)`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.raw(`${table}_loan_id_bank_reference_key`)}`.execute(
      db,
    );
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.raw(`${table}_reference_generation_key`)}
      UNIQUE (loan_id, bank_reference, reference_generation)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['loan_repayments', 'loan_disbursements']) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.raw(`${table}_reference_generation_key`)}`.execute(
      db,
    );
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.raw(`${table}_loan_id_bank_reference_key`)}
      UNIQUE (loan_id, bank_reference)`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN reference_generation`.execute(db);
  }
}
