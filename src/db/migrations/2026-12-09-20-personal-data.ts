import { type Kysely, sql } from 'kysely';

// Personal data encrypted at rest (issue 22, part A; docs/decisions/0038-personal-data-at-rest.md).
// This migration changes the schema only: the data keys, the ciphertexts and the blind indexes need
// the key-encryption key, which a migration never sees, so the existing rows are encrypted by the
// application's sweep right after the migrations run (platform/keys/pii-sweep.ts), before serving.
// Until then a plain row has no blind index and is simply not found by a look-up.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE pii_keys (
      id text PRIMARY KEY,
      purpose text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      wrapped text NOT NULL,
      kek_id text NOT NULL,
      created_at timestamptz NOT NULL,
      retired_at timestamptz,
      drained_at timestamptz,
      UNIQUE (purpose, version)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX pii_keys_current ON pii_keys (purpose) WHERE retired_at IS NULL`.execute(db);

  // The format checks of clear values cannot hold for ciphertexts: the services check the format.
  await sql`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_check,
    DROP CONSTRAINT IF EXISTS users_mobile_check, DROP CONSTRAINT IF EXISTS users_cnic_check`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN email_bidx text, ADD COLUMN mobile_bidx text, ADD COLUMN cnic_bidx text`.execute(
    db,
  );
  await sql`DROP INDEX users_email_key`.execute(db);
  await sql`DROP INDEX users_cnic_key`.execute(db);
  await sql`DROP INDEX users_mobile_key`.execute(db);
  await sql`CREATE UNIQUE INDEX users_email_bidx ON users (email_bidx)`.execute(db);
  await sql`CREATE UNIQUE INDEX users_cnic_bidx ON users (cnic_bidx)`.execute(db);
  await sql`CREATE UNIQUE INDEX users_mobile_bidx ON users (mobile_bidx)`.execute(db);

  await sql`ALTER TABLE pending_registrations DROP CONSTRAINT IF EXISTS pending_registrations_mobile_check`.execute(
    db,
  );
  await sql`ALTER TABLE pending_registrations ADD COLUMN email_bidx text, ADD COLUMN mobile_bidx text,
    ADD COLUMN cnic_bidx text`.execute(db);
  await sql`DROP INDEX pending_registrations_mobile`.execute(db);
  await sql`CREATE INDEX pending_registrations_mobile_bidx ON pending_registrations (mobile_bidx, created_at DESC)`.execute(
    db,
  );
  // The application sees this and sweeps before it serves (then deletes it).
  await sql`INSERT INTO system_settings (key, value) VALUES ('pii_sweep_needed', 'true')
    ON CONFLICT (key) DO UPDATE SET value = 'true'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Only for a database whose rows are still in clear (the sweep never ran).
  await sql`DROP INDEX pending_registrations_mobile_bidx`.execute(db);
  await sql`ALTER TABLE pending_registrations DROP COLUMN email_bidx, DROP COLUMN mobile_bidx, DROP COLUMN cnic_bidx`.execute(
    db,
  );
  await sql`CREATE INDEX pending_registrations_mobile ON pending_registrations (mobile, created_at DESC)`.execute(
    db,
  );
  await sql`DROP INDEX users_email_bidx`.execute(db);
  await sql`DROP INDEX users_cnic_bidx`.execute(db);
  await sql`DROP INDEX users_mobile_bidx`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN email_bidx, DROP COLUMN mobile_bidx, DROP COLUMN cnic_bidx`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX users_email_key ON users (email)`.execute(db);
  await sql`CREATE UNIQUE INDEX users_cnic_key ON users (cnic) WHERE cnic IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX users_mobile_key ON users (mobile) WHERE mobile IS NOT NULL`.execute(db);
  await sql`DROP TABLE pii_keys`.execute(db);
}
