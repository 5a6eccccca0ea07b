import { type Kysely, sql } from 'kysely';

// A trainer's bank account (IBAN) for the stipend payment file (issue 15). The IBAN is sealed with
// the pii cipher (purpose finance, bound to this table, column and trainer): the CHECK refuses a
// value that is not a pii1 ciphertext, so an IBAN in clear never lands here.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE trainer_bank_accounts (
      trainer_id uuid PRIMARY KEY REFERENCES users(id),
      iban text NOT NULL CHECK (iban LIKE 'pii1.%'),
      updated_at timestamptz NOT NULL,
      updated_by uuid NOT NULL REFERENCES users(id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE trainer_bank_accounts`.execute(db);
}
