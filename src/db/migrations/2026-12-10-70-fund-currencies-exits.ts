import { type Kysely, sql } from 'kysely';
import { allowValues } from '../widen-check.ts';

// The startup fund, issue 16's last parts (docs/decisions/0064-fund-currencies-and-exits.md):
// - rounds, rates and joint ventures in EUR, GBP, AED and SAR besides USD (all with two minor
//   digits in ISO 4217), with each arrival's and each grant's USD equivalent kept beside it (at the
//   day's rates through PKR) so the portal can total them in USD;
// - an exit from a joint venture (kind 'exit'): whatever comes back closes the investment, the
//   capital never returned is a realised loss (`fund_jv_realised_loss`), the fund is closed;
// - founders' documents, uploaded (fund_documents), and appeals on a grant decision (fund_appeals:
//   one per decision, so a decision taken again after an upheld appeal may be appealed again).

const CURRENCIES = ['EUR', 'GBP', 'AED', 'SAR'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['fund_fx_rates', 'fund_grants', 'fund_jv_funds'])
    await allowValues(db, table, 'currency', CURRENCIES);
  await allowValues(db, 'fund_jv_movements', 'kind', ['exit']);
  await allowValues(db, 'ledger_entries', 'account', ['fund_jv_realised_loss']);
  await allowValues(db, 'ledger_transactions', 'kind', ['fund_jv_exit']);
  await sql`ALTER TABLE fund_jv_funds ADD COLUMN closed_on date`.execute(db);
  await sql`ALTER TABLE fund_jv_movements ADD COLUMN loss_pkr_minor bigint NOT NULL DEFAULT 0 CHECK (loss_pkr_minor >= 0)`.execute(
    db,
  );
  await sql`ALTER TABLE fund_arrivals ADD COLUMN amount_usd_minor bigint`.execute(db);
  await sql`UPDATE fund_arrivals SET amount_usd_minor = amount_minor WHERE amount_pkr_minor IS NOT NULL`.execute(
    db,
  );
  await sql`ALTER TABLE fund_grants
    ADD COLUMN approved_usd_minor bigint NOT NULL DEFAULT 0 CHECK (approved_usd_minor >= 0),
    ADD COLUMN paid_usd_minor bigint NOT NULL DEFAULT 0 CHECK (paid_usd_minor >= 0)`.execute(db);
  await sql`UPDATE fund_grants SET approved_usd_minor = approved_minor, paid_usd_minor = paid_minor`.execute(
    db,
  );

  await sql`CREATE TABLE fund_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      grant_id uuid NOT NULL REFERENCES fund_grants(id),
      kind text NOT NULL CHECK (kind IN ('pitch_deck', 'incorporation', 'founder_id', 'term_sheet',
        'subscription_agreement', 'arrival_proof', 'other')),
      title text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX fund_documents_grant_idx ON fund_documents (grant_id, uploaded_at)`.execute(db);

  await sql`CREATE TABLE fund_appeals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      grant_id uuid NOT NULL REFERENCES fund_grants(id),
      decided_at timestamptz NOT NULL,
      text text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'upheld', 'rejected')),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      resolution_reason text,
      resolved_by uuid REFERENCES users(id),
      resolved_at timestamptz,
      UNIQUE (grant_id, decided_at)
    )`.execute(db);
  await sql`ALTER TABLE fund_rule_sets ADD COLUMN appeal_window_days integer NOT NULL DEFAULT 10
    CHECK (appeal_window_days BETWEEN 0 AND 365)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE fund_rule_sets DROP COLUMN appeal_window_days`.execute(db);
  await sql`DROP TABLE fund_appeals`.execute(db);
  await sql`DROP TABLE fund_documents`.execute(db);
  await sql`ALTER TABLE fund_grants DROP COLUMN approved_usd_minor, DROP COLUMN paid_usd_minor`.execute(db);
  await sql`ALTER TABLE fund_arrivals DROP COLUMN amount_usd_minor`.execute(db);
  await sql`ALTER TABLE fund_jv_movements DROP COLUMN loss_pkr_minor`.execute(db);
  await sql`ALTER TABLE fund_jv_funds DROP COLUMN closed_on`.execute(db);
}
