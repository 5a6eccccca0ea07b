import { type Kysely, sql } from 'kysely';

// Migrations never import app code: they are frozen history, run the same on PGlite and PostgreSQL.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);

  await sql`
    CREATE TABLE system_settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Identity ------------------------------------------------------------------------------------
  await sql`
    CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('bank', 'owner_company', 'government', 'committee', 'other')),
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      mobile text CHECK (mobile ~ '^\\+92[0-9]{10}$'),
      cnic text CHECK (cnic ~ '^[0-9]{5}-[0-9]{7}-[0-9]$'),
      role text NOT NULL CHECK (role IN ('freelancer', 'owner', 'evaluator', 'bank_officer', 'program_admin', 'auditor')),
      organization_id uuid REFERENCES organizations(id),
      password_hash text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ur')),
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX users_email_key ON users (email)`.execute(db);
  await sql`CREATE UNIQUE INDEX users_cnic_key ON users (cnic) WHERE cnic IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX users_mobile_key ON users (mobile) WHERE mobile IS NOT NULL`.execute(db);
  await sql`CREATE INDEX users_role_idx ON users (role)`.execute(db);

  await sql`
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);
  await sql`CREATE INDEX sessions_expiry_idx ON sessions (expires_at)`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      prefix text NOT NULL UNIQUE,
      secret_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('bank_officer')),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  // A fixed-window counter per key, in the database so that two servers agree on it.
  await sql`
    CREATE TABLE rate_limits (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (key, window_start)
    )`.execute(db);

  // Idempotency: the first answer to a key is stored in the same transaction as the work it did.
  await sql`
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    )`.execute(db);

  // Audit ---------------------------------------------------------------------------------------
  // Writers only append; a background step fills chain_seq, prev_hash and entry_hash later, so the
  // chain never becomes a lock that every write waits for.
  await sql`
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_id uuid,
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system', 'anonymous')),
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text NOT NULL,
      before_digest text,
      after_digest text,
      details jsonb NOT NULL DEFAULT '{}',
      request_id text,
      chain_seq bigint UNIQUE,
      prev_hash text,
      entry_hash text
    )`.execute(db);
  await sql`CREATE INDEX audit_log_unchained_idx ON audit_log (id) WHERE chain_seq IS NULL`.execute(db);
  await sql`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`.execute(db);
  await sql`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, occurred_at)`.execute(db);

  // Append-only, enforced by the database: rows cannot be deleted, and the only update allowed is
  // the chainer filling the chain columns once.
  await sql`
    CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit_log is append-only';
      END IF;
      IF OLD.chain_seq IS NOT NULL
         OR NEW.id IS DISTINCT FROM OLD.id
         OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
         OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
         OR NEW.actor_kind IS DISTINCT FROM OLD.actor_kind
         OR NEW.action IS DISTINCT FROM OLD.action
         OR NEW.entity IS DISTINCT FROM OLD.entity
         OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
         OR NEW.before_digest IS DISTINCT FROM OLD.before_digest
         OR NEW.after_digest IS DISTINCT FROM OLD.after_digest
         OR NEW.details IS DISTINCT FROM OLD.details
         OR NEW.request_id IS DISTINCT FROM OLD.request_id THEN
        RAISE EXCEPTION 'audit_log is append-only';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`.execute(db);

  await sql`
    CREATE TABLE audit_checkpoints (
      chain_seq bigint PRIMARY KEY,
      entry_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL
    )`.execute(db);

  // Scheduled jobs ------------------------------------------------------------------------------
  await sql`
    CREATE TABLE job_runs (
      job text NOT NULL,
      period text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
      owner text NOT NULL,
      attempts integer NOT NULL DEFAULT 1,
      started_at timestamptz NOT NULL,
      lease_until timestamptz NOT NULL,
      finished_at timestamptz,
      result jsonb,
      error text,
      PRIMARY KEY (job, period)
    )`.execute(db);

  // Geography -----------------------------------------------------------------------------------
  await sql`
    CREATE TABLE provinces (
      code text PRIMARY KEY,
      name_en text NOT NULL,
      name_ur text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('province', 'territory')),
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      sort_order integer NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE districts (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      province_code text NOT NULL REFERENCES provinces(code),
      name_en text NOT NULL,
      name_ur text,
      latitude double precision,
      longitude double precision,
      UNIQUE (province_code, name_en)
    )`.execute(db);
  await sql`
    CREATE TABLE cities (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      province_code text NOT NULL REFERENCES provinces(code),
      district_id integer REFERENCES districts(id),
      name_en text NOT NULL,
      name_ur text,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      UNIQUE (province_code, name_en)
    )`.execute(db);
  await sql`CREATE INDEX cities_name_idx ON cities (lower(name_en))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'cities',
    'districts',
    'provinces',
    'job_runs',
    'audit_checkpoints',
    'audit_log',
    'idempotency_keys',
    'rate_limits',
    'api_keys',
    'sessions',
    'users',
    'organizations',
    'system_settings',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS audit_log_guard()`.execute(db);
}
