import { type Kysely, sql } from 'kysely';

// Sign-in and account recovery (docs/decisions/0028-sign-in-and-recovery.md).
// - users get the time each contact was proved: a mobile by an SMS code, an email by a link.
//   Accounts that exist before this migration (the demo's, admin-made ones) count as verified.
// - sign_in_throttle: failures per (subject, client address), where the subject is an account or,
//   for a login that names no account, a hash of what was typed, so both lock alike.
// - pending_registrations: a registration waits here until its mobile code is entered; nothing
//   is in `users` until then, so nobody can squat a CNIC or email by registering it.
// - account_tokens: password reset links and codes, contact verification codes and links; only
//   their SHA-256 is kept, each is single-use, short-lived and attempt-limited.
// - sign_in_devices: where an account has signed in from, to tell the owner of a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN mobile_verified_at timestamptz`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`.execute(db);
  await sql`UPDATE users SET email_verified_at = created_at,
    mobile_verified_at = CASE WHEN mobile IS NULL THEN NULL ELSE created_at END`.execute(db);

  await sql`
    CREATE TABLE sign_in_throttle (
      subject text NOT NULL,
      address text NOT NULL,
      failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
      lockouts integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
      locked_until timestamptz,
      last_failure_at timestamptz NOT NULL,
      PRIMARY KEY (subject, address)
    )`.execute(db);
  await sql`CREATE INDEX sign_in_throttle_old ON sign_in_throttle (last_failure_at)`.execute(db);

  await sql`
    CREATE TABLE pending_registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      mobile text NOT NULL CHECK (mobile ~ '^\\+92[0-9]{10}$'),
      email text NOT NULL,
      cnic text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('freelancer', 'owner')),
      locale text NOT NULL CHECK (locale IN ('en', 'ur')),
      password_hash text NOT NULL,
      code_hash text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX pending_registrations_mobile ON pending_registrations (mobile, created_at DESC)`.execute(
    db,
  );

  await sql`
    CREATE TABLE account_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('password_reset', 'verify_mobile', 'verify_email')),
      channel text NOT NULL CHECK (channel IN ('sms', 'email')),
      contact text NOT NULL,
      token_hash text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX account_tokens_hash ON account_tokens (token_hash)`.execute(db);
  await sql`CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose) WHERE used_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE sign_in_devices (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      fingerprint text NOT NULL,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, fingerprint)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sign_in_devices`.execute(db);
  await sql`DROP TABLE account_tokens`.execute(db);
  await sql`DROP TABLE pending_registrations`.execute(db);
  await sql`DROP TABLE sign_in_throttle`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN email_verified_at, DROP COLUMN mobile_verified_at`.execute(db);
}
