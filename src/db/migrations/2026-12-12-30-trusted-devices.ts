import { type Kysely, sql } from 'kysely';

// Remembered devices for the second factor (issue 22, docs/decisions/0077-second-factor-gaps.md):
// a browser trusted at a successful code entry skips the code until expires_at. Only a keyed hash
// of the device token is kept (HMAC under a key outside the database, bound to the account); a
// password change, a factor reset or "forget all" deletes an account's rows.
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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE trusted_devices`.execute(db);
}
