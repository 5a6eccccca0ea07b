import { type Kysely, sql } from 'kysely';

// Review fixes to bank-attested remittances (issue 23, decision 0044):
// - a partner bank's four-letter IBAN code, so a consent can only name an account at that bank;
// - the keyed hash of the freelancer's CNIC on each consent, which the bank's lines must match
//   (the bank confirms the account's holder), and the mismatches the banks' lines reported;
// - a batch whose lines equal an earlier batch's may now be a correction back to them: the
//   content hash no longer has to be unique, and each replaced line is kept as a version;
// - lines under a State Bank purpose code that is not an IT export are kept, marked not counted.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE remittance_banks (
    bank_id uuid PRIMARY KEY REFERENCES organizations(id),
    iban_code text NOT NULL UNIQUE CHECK (iban_code ~ '^[A-Z]{4}$'),
    updated_at timestamptz NOT NULL
  )`.execute(db);

  await sql`ALTER TABLE remittance_consents ADD COLUMN holder_hash text
    CHECK (holder_hash ~ '^[0-9a-f]{64}$')`.execute(db);

  await sql`CREATE TABLE remittance_holder_mismatches (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    bank_id uuid NOT NULL REFERENCES organizations(id),
    consent_id uuid NOT NULL REFERENCES remittance_consents(id),
    freelancer_id uuid NOT NULL REFERENCES users(id),
    month date NOT NULL,
    reported_at timestamptz NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX remittance_holder_mismatches_at ON remittance_holder_mismatches (reported_at DESC)`.execute(
    db,
  );

  await sql`ALTER TABLE remittance_batches DROP CONSTRAINT remittance_batches_bank_id_content_sha256_key`.execute(
    db,
  );
  await sql`CREATE INDEX remittance_batches_content ON remittance_batches (bank_id, content_sha256, submitted_at DESC)`.execute(
    db,
  );

  await sql`ALTER TABLE remittance_attestations ADD COLUMN it_export boolean NOT NULL DEFAULT true`.execute(
    db,
  );

  // Every figure a line held before a later batch replaced it: the record of corrections.
  await sql`CREATE TABLE remittance_attestation_versions (
    bank_id uuid NOT NULL,
    iban text NOT NULL,
    month date NOT NULL,
    purpose_code text NOT NULL,
    revision integer NOT NULL,
    batch_id uuid NOT NULL REFERENCES remittance_batches(id),
    usd_minor bigint NOT NULL,
    remittances integer,
    retained_usd_minor bigint,
    converted_usd_minor bigint,
    prc_ref text,
    replaced_by uuid NOT NULL REFERENCES remittance_batches(id),
    replaced_at timestamptz NOT NULL,
    PRIMARY KEY (bank_id, iban, month, purpose_code, revision)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE remittance_attestation_versions`.execute(db);
  await sql`ALTER TABLE remittance_attestations DROP COLUMN it_export`.execute(db);
  await sql`DROP INDEX remittance_batches_content`.execute(db);
  await sql`ALTER TABLE remittance_batches ADD UNIQUE (bank_id, content_sha256)`.execute(db);
  await sql`DROP TABLE remittance_holder_mismatches`.execute(db);
  await sql`ALTER TABLE remittance_consents DROP COLUMN holder_hash`.execute(db);
  await sql`DROP TABLE remittance_banks`.execute(db);
}
