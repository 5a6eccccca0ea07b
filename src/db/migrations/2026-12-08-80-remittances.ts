import { type Kysely, sql } from 'kysely';

// Bank-attested remittances beside freelancers' declared earnings (decision 0034): the freelancer's
// consent for a partner bank to report an account, the banks' monthly batches, the attested lines,
// and a freelancer's explanation of a month where the two differ.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE remittance_consents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    freelancer_id uuid NOT NULL REFERENCES users(id),
    bank_id uuid NOT NULL REFERENCES organizations(id),
    iban text NOT NULL CHECK (iban ~ '^PK[0-9]{2}[A-Z]{4}[0-9]{16}$'),
    scope text[] NOT NULL CHECK (scope <@ ARRAY['counts', 'prc', 'retention']::text[]),
    starts_on date NOT NULL,
    expires_on date NOT NULL,
    revoked_at timestamptz,
    revoke_reason text,
    created_at timestamptz NOT NULL,
    CHECK (expires_on > starts_on),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
  )`.execute(db);
  // One live consent per bank account: a new one for the same account needs the old one revoked.
  await sql`CREATE UNIQUE INDEX remittance_consents_live ON remittance_consents (bank_id, iban)
    WHERE revoked_at IS NULL`.execute(db);
  await sql`CREATE INDEX remittance_consents_freelancer ON remittance_consents (freelancer_id, created_at DESC)`.execute(
    db,
  );

  await sql`CREATE TABLE remittance_batches (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    bank_id uuid NOT NULL REFERENCES organizations(id),
    source text NOT NULL CHECK (source IN ('api', 'csv')),
    file_name text,
    content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    line_count integer NOT NULL CHECK (line_count > 0),
    new_lines integer NOT NULL CHECK (new_lines >= 0),
    corrected_lines integer NOT NULL CHECK (corrected_lines >= 0),
    unchanged_lines integer NOT NULL CHECK (unchanged_lines >= 0),
    usd_minor bigint NOT NULL CHECK (usd_minor >= 0),
    submitted_at timestamptz NOT NULL,
    UNIQUE (bank_id, content_sha256)
  )`.execute(db);
  await sql`CREATE INDEX remittance_batches_bank ON remittance_batches (bank_id, submitted_at DESC)`.execute(
    db,
  );

  // The latest attested figures per bank, account, month and purpose code: a later batch with the
  // same key corrects the line (revision + 1) instead of adding to it.
  await sql`CREATE TABLE remittance_attestations (
    bank_id uuid NOT NULL REFERENCES organizations(id),
    iban text NOT NULL,
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    purpose_code text NOT NULL,
    freelancer_id uuid NOT NULL REFERENCES users(id),
    consent_id uuid NOT NULL REFERENCES remittance_consents(id),
    batch_id uuid NOT NULL REFERENCES remittance_batches(id),
    usd_minor bigint NOT NULL CHECK (usd_minor > 0 AND usd_minor <= 100000000000),
    remittances integer CHECK (remittances > 0),
    retained_usd_minor bigint CHECK (retained_usd_minor >= 0),
    converted_usd_minor bigint CHECK (converted_usd_minor >= 0),
    prc_ref text,
    revision integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (bank_id, iban, month, purpose_code),
    CHECK ((retained_usd_minor IS NULL) = (converted_usd_minor IS NULL)),
    CHECK (retained_usd_minor IS NULL OR retained_usd_minor + converted_usd_minor = usd_minor)
  )`.execute(db);
  await sql`CREATE INDEX remittance_attestations_freelancer ON remittance_attestations (freelancer_id, month)`.execute(
    db,
  );
  await sql`CREATE INDEX remittance_attestations_month ON remittance_attestations (month)`.execute(db);

  await sql`CREATE TABLE remittance_explanations (
    freelancer_id uuid NOT NULL REFERENCES users(id),
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    text text NOT NULL CHECK (length(text) BETWEEN 5 AND 1000),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (freelancer_id, month)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'remittance_explanations',
    'remittance_attestations',
    'remittance_batches',
    'remittance_consents',
  ])
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
}
