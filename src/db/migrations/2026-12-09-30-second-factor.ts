import { type Kysely, sql } from 'kysely';

// A second factor for privileged accounts and limits on bank API keys (issue 22 part B,
// docs/decisions/0040-second-factor.md):
// - user_factors: one TOTP authenticator per account (its secret sealed with AES-256-GCM under a
//   key derived from the platform's `tokens` secret, never in clear), confirmed by a first code;
//   last_step is the newest time step accepted, so a code is never taken twice.
// - recovery_codes: ten one-time codes per enrolment, stored as hashes, each usable once.
// - factor_resets: an admin asks to reset a lost factor, a second admin approves (maker–checker).
// - sessions.factor_stage: a session opened by the password alone: 'code' (must enter a code) or
//   'enrol' (must enrol first). It reaches nothing but the second-factor endpoints.
// - api_keys.allowed_cidrs and expires_at: where a bank's key may be used from, and until when.
// Sessions of privileged accounts opened before this change end: they were made without a code.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE user_factors (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      kind text NOT NULL DEFAULT 'totp' CHECK (kind = 'totp'),
      secret_sealed text NOT NULL,
      confirmed_at timestamptz,
      last_step bigint,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      used_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX recovery_codes_user ON recovery_codes (user_id)`.execute(db);
  await sql`
    CREATE TABLE factor_resets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      reason text NOT NULL,
      requested_by uuid NOT NULL REFERENCES users(id),
      requested_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      CHECK (requested_by <> user_id),
      CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX factor_resets_one_pending ON factor_resets (user_id) WHERE status = 'pending'`.execute(
    db,
  );
  await sql`ALTER TABLE sessions ADD COLUMN factor_stage text CHECK (factor_stage IN ('code', 'enrol'))`.execute(
    db,
  );
  await sql`ALTER TABLE api_keys ADD COLUMN allowed_cidrs text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`ALTER TABLE api_keys ADD COLUMN expires_at timestamptz`.execute(db);
  await sql`
    DELETE FROM sessions WHERE user_id IN (
      SELECT id FROM users WHERE role IN ('program_admin', 'evaluator', 'auditor', 'bank_officer'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_keys DROP COLUMN expires_at`.execute(db);
  await sql`ALTER TABLE api_keys DROP COLUMN allowed_cidrs`.execute(db);
  await sql`ALTER TABLE sessions DROP COLUMN factor_stage`.execute(db);
  await sql`DROP TABLE factor_resets`.execute(db);
  await sql`DROP TABLE recovery_codes`.execute(db);
  await sql`DROP TABLE user_factors`.execute(db);
}
