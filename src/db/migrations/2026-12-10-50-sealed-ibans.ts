import { type Kysely, sql } from 'kysely';

// IBANs sealed at rest (issue 22, decision 0060). A bank account becomes a row of
// `remittance_accounts` with a surrogate id: its IBAN is sealed by the application (pii cipher,
// purpose `finance`) and found by a keyed blind index. Consents, attested lines, their versions and
// disputes name the account by that id, so no primary key holds an IBAN (nor a keyed hash of one,
// which a rotation of the index key would have to rewrite). The migration copies the IBANs in
// clear into the new table and sets `pii_sweep_needed`: the application seals them and writes the
// blind index right after the migrations, before it serves (as 2026-12-09-20 did).

const LINE_TABLES = ['remittance_attestations', 'remittance_attestation_versions', 'remittance_disputes'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE remittance_accounts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    bank_id uuid NOT NULL REFERENCES organizations(id),
    iban text NOT NULL,
    iban_bidx text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (bank_id, iban_bidx)
  )`.execute(db);
  await sql`INSERT INTO remittance_accounts (bank_id, iban)
    SELECT DISTINCT bank_id, iban FROM (
      SELECT bank_id, iban FROM remittance_consents
      UNION SELECT bank_id, iban FROM remittance_attestations
      UNION SELECT bank_id, iban FROM remittance_attestation_versions
      UNION SELECT bank_id, iban FROM remittance_disputes) t`.execute(db);

  for (const t of ['remittance_consents', ...LINE_TABLES]) {
    await sql`ALTER TABLE ${sql.table(t)} ADD COLUMN account_id uuid REFERENCES remittance_accounts(id)`.execute(
      db,
    );
    await sql`UPDATE ${sql.table(t)} x SET account_id = a.id FROM remittance_accounts a
      WHERE a.bank_id = x.bank_id AND a.iban = x.iban`.execute(db);
    await sql`ALTER TABLE ${sql.table(t)} ALTER COLUMN account_id SET NOT NULL`.execute(db);
  }
  await sql`DROP INDEX remittance_consents_live`.execute(db);
  await sql`DROP INDEX remittance_disputes_open`.execute(db);
  await sql`ALTER TABLE remittance_attestations DROP CONSTRAINT remittance_attestations_pkey`.execute(db);
  await sql`ALTER TABLE remittance_attestation_versions DROP CONSTRAINT remittance_attestation_versions_pkey`.execute(
    db,
  );
  for (const t of ['remittance_consents', ...LINE_TABLES])
    await sql`ALTER TABLE ${sql.table(t)} DROP COLUMN iban`.execute(db);
  await sql`CREATE UNIQUE INDEX remittance_consents_live ON remittance_consents (account_id)
    WHERE revoked_at IS NULL`.execute(db);
  await sql`CREATE INDEX remittance_consents_account ON remittance_consents (account_id)`.execute(db);
  await sql`ALTER TABLE remittance_attestations ADD PRIMARY KEY (bank_id, account_id, month, purpose_code)`.execute(
    db,
  );
  await sql`ALTER TABLE remittance_attestation_versions
    ADD PRIMARY KEY (bank_id, account_id, month, purpose_code, revision)`.execute(db);
  await sql`CREATE UNIQUE INDEX remittance_disputes_open ON remittance_disputes (bank_id, account_id, month, purpose_code)
    WHERE status = 'open'`.execute(db);
  await sql`INSERT INTO system_settings (key, value) VALUES ('pii_sweep_needed', 'true')
    ON CONFLICT (key) DO UPDATE SET value = 'true'`.execute(db);
}

export async function down(): Promise<void> {
  // The IBANs are sealed by the application after this migration: going back would need the key.
  throw new Error('2026-12-10-50-sealed-ibans cannot be undone: the IBANs are sealed (restore a backup)');
}
