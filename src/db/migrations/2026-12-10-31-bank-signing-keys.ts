import { type Kysely, sql } from 'kysely';

// Signed requests from banks (RFC 9421 HTTP Message Signatures, decision 0057): each bank registers
// public keys (Ed25519 or ECDSA P-256) under its own key ids; whether its API-key requests must be
// signed; and the signatures already seen within the clock-skew window, so none is accepted twice.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE remittance_signing_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    bank_id uuid NOT NULL REFERENCES organizations(id),
    key_id text NOT NULL CHECK (key_id ~ '^[A-Za-z0-9._:-]{1,100}$'),
    alg text NOT NULL CHECK (alg IN ('ed25519', 'ecdsa-p256-sha256')),
    public_key_pem text NOT NULL,
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    UNIQUE (bank_id, key_id)
  )`.execute(db);
  await sql`CREATE TABLE remittance_signing_settings (
    bank_id uuid PRIMARY KEY REFERENCES organizations(id),
    required boolean NOT NULL,
    updated_by uuid REFERENCES users(id),
    updated_at timestamptz NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE remittance_signatures_seen (
    bank_id uuid NOT NULL REFERENCES organizations(id),
    signature_sha256 text NOT NULL,
    seen_at timestamptz NOT NULL,
    PRIMARY KEY (bank_id, signature_sha256)
  )`.execute(db);
  await sql`CREATE INDEX remittance_signatures_seen_at ON remittance_signatures_seen (seen_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE remittance_signatures_seen`.execute(db);
  await sql`DROP TABLE remittance_signing_settings`.execute(db);
  await sql`DROP TABLE remittance_signing_keys`.execute(db);
}
