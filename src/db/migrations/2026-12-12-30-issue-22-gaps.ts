import { type Kysely, sql } from 'kysely';

// Issue 22's gaps (docs/decisions/0077-second-factor-gaps.md).
//
// Remembered devices for the second factor:
// a browser trusted at a successful code entry skips the code until expires_at. Only a keyed hash
// of the device token is kept (HMAC under a key outside the database, bound to the account); a
// password change, a factor reset or "forget all" deletes an account's rows.
//
// Evidence for a correction request as an uploaded file (PDF, JPEG or PNG, encrypted at rest by the
// upload store like every upload): where it is stored and what it is; the text evidence stays.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE trusted_devices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      token_hash text NOT NULL UNIQUE,
      label text NOT NULL,
      address text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      last_used_at timestamptz,
      CHECK (expires_at > created_at)
    )`.execute(db);
  await sql`CREATE INDEX trusted_devices_user ON trusted_devices (user_id)`.execute(db);
  await sql`
    ALTER TABLE correction_requests
      ADD COLUMN evidence_file_key text,
      ADD COLUMN evidence_file_name text,
      ADD COLUMN evidence_content_type text
        CHECK (evidence_content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      ADD COLUMN evidence_size_bytes bigint,
      ADD COLUMN evidence_sha256 text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE correction_requests
      DROP COLUMN evidence_file_key, DROP COLUMN evidence_file_name, DROP COLUMN evidence_content_type,
      DROP COLUMN evidence_size_bytes, DROP COLUMN evidence_sha256`.execute(db);
  await sql`DROP TABLE trusted_devices`.execute(db);
}
