import { type Kysely, sql } from 'kysely';

// People's rights over their data (issue 22, docs/decisions/0058-peoples-rights.md and
// 0059-retention.md): requests to correct a field, requests to close an account, and the
// retention period of each kind of record (staff edit them; the nightly job applies them).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE correction_requests (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      field text NOT NULL CHECK (length(field) BETWEEN 1 AND 60),
      requested text NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 1000),
      evidence text CHECK (evidence IS NULL OR length(evidence) <= 1000),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_reason text CHECK (decision_reason IS NULL OR length(decision_reason) BETWEEN 3 AND 1000),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX correction_requests_user ON correction_requests (user_id, created_at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX correction_requests_pending ON correction_requests (created_at) WHERE status = 'pending'`.execute(
    db,
  );
  await sql`
    CREATE UNIQUE INDEX correction_requests_one_pending ON correction_requests (user_id, field)
    WHERE status = 'pending'`.execute(db);
  await sql`
    CREATE TABLE account_closures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      status text NOT NULL CHECK (status IN ('refused', 'review', 'closed', 'rejected')),
      reason text CHECK (reason IS NULL OR length(reason) <= 1000),
      obligations jsonb NOT NULL DEFAULT '[]',
      requested_at timestamptz NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_note text CHECK (decision_note IS NULL OR length(decision_note) BETWEEN 3 AND 1000),
      closed_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX account_closures_user ON account_closures (user_id, requested_at DESC)`.execute(db);
  await sql`CREATE UNIQUE INDEX account_closures_one_open ON account_closures (user_id) WHERE status IN ('review', 'closed')`.execute(
    db,
  );
  await sql`
    CREATE TABLE retention_settings (
      kind text PRIMARY KEY CHECK (length(kind) BETWEEN 1 AND 60),
      days integer NOT NULL CHECK (days BETWEEN 1 AND 36500),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS retention_settings`.execute(db);
  await sql`DROP TABLE IF EXISTS account_closures`.execute(db);
  await sql`DROP TABLE IF EXISTS correction_requests`.execute(db);
}
