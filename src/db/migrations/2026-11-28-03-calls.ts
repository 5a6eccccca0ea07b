import { type Kysely, sql } from 'kysely';

// Centre selection: calls for buildings, applications, documents, evaluation, decisions, appeals.
// Migrations never import app code. Status changes are guarded by the app with WHERE status = …;
// the constraints here keep the invariants that must hold whatever the app does.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
      title_ur text NOT NULL CHECK (length(title_ur) BETWEEN 1 AND 200),
      description_en text NOT NULL,
      description_ur text NOT NULL,
      opens_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'decided')),
      pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
      evaluators_per_application integer NOT NULL CHECK (evaluators_per_application BETWEEN 1 AND 15),
      loan_cap_minor bigint NOT NULL CHECK (loan_cap_minor > 0),
      appeal_window_days integer NOT NULL CHECK (appeal_window_days BETWEEN 0 AND 365),
      first_submitted_at timestamptz,
      published_at timestamptz,
      closed_at timestamptz,
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (closes_at > opens_at)
    )`.execute(db);
  await sql`CREATE INDEX calls_status_idx ON calls (status, opens_at)`.execute(db);

  await sql`
    CREATE TABLE call_criteria (
      call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
      position integer NOT NULL,
      label_en text NOT NULL,
      label_ur text NOT NULL,
      weight integer NOT NULL CHECK (weight BETWEEN 1 AND 1000),
      max_score integer NOT NULL CHECK (max_score BETWEEN 1 AND 1000),
      PRIMARY KEY (call_id, key)
    )`.execute(db);

  // A province quota has district_id NULL; a district quota carves seats out of its province's.
  await sql`
    CREATE TABLE call_quotas (
      call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
      province_code text NOT NULL REFERENCES provinces(code),
      district_id integer REFERENCES districts(id),
      seats integer NOT NULL CHECK (seats >= 0)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX call_quotas_area_key ON call_quotas (call_id, province_code, coalesce(district_id, 0))`.execute(
    db,
  );

  await sql`
    CREATE TABLE call_quota_releases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES calls(id),
      from_province text NOT NULL REFERENCES provinces(code),
      to_province text NOT NULL REFERENCES provinces(code),
      seats integer NOT NULL CHECK (seats > 0),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK (from_province <> to_province)
    )`.execute(db);

  // Public references EOI-<year>-<number>, numbered per year inside the creating transaction.
  await sql`
    CREATE TABLE application_reference_counters (
      year integer PRIMARY KEY,
      last integer NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES calls(id),
      owner_id uuid NOT NULL REFERENCES users(id),
      reference text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'shortlisted', 'not_selected', 'failed')),
      building_name text NOT NULL,
      address text NOT NULL,
      address_key text NOT NULL,
      province_code text NOT NULL REFERENCES provinces(code),
      district_id integer REFERENCES districts(id),
      city_id integer REFERENCES cities(id),
      latitude double precision,
      longitude double precision,
      covered_area_sqft integer CHECK (covered_area_sqft > 0),
      hot_desks integer CHECK (hot_desks >= 0),
      cabins integer CHECK (cabins >= 0),
      meeting_rooms integer CHECK (meeting_rooms >= 0),
      training_rooms integer CHECK (training_rooms >= 0),
      internet_mbps integer CHECK (internet_mbps >= 0),
      internet_provider text,
      fibre boolean,
      backup_kva integer CHECK (backup_kva >= 0),
      backup_hours integer CHECK (backup_hours >= 0),
      facilities jsonb NOT NULL DEFAULT '[]',
      readiness_date date,
      loan_requested_minor bigint CHECK (loan_requested_minor >= 0),
      submitted_at timestamptz,
      score_milli integer,
      rank integer,
      decision_reason text,
      decided_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (status = 'draft' OR (submitted_at IS NOT NULL AND city_id IS NOT NULL
        AND latitude IS NOT NULL AND longitude IS NOT NULL AND covered_area_sqft IS NOT NULL
        AND internet_mbps IS NOT NULL AND readiness_date IS NOT NULL AND loan_requested_minor IS NOT NULL)),
      CHECK (status IN ('draft', 'submitted') OR decided_at IS NOT NULL)
    )`.execute(db);
  // One application per building per call.
  await sql`CREATE UNIQUE INDEX applications_building_key ON applications (call_id, address_key)`.execute(db);
  await sql`CREATE INDEX applications_owner_idx ON applications (owner_id, created_at)`.execute(db);
  await sql`CREATE INDEX applications_call_idx ON applications (call_id, status)`.execute(db);

  await sql`
    CREATE TABLE application_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications(id),
      kind text NOT NULL CHECK (kind IN ('document', 'photo')),
      title text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL UNIQUE,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX application_documents_app_idx ON application_documents (application_id)`.execute(db);

  // An evaluator is assigned to an application at most once, recused or not.
  await sql`
    CREATE TABLE evaluation_assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES calls(id),
      application_id uuid NOT NULL REFERENCES applications(id),
      evaluator_id uuid NOT NULL REFERENCES users(id),
      status text NOT NULL CHECK (status IN ('pending', 'accepted', 'recused', 'submitted')),
      conflict_note text,
      declared_at timestamptz,
      submitted_at timestamptz,
      assigned_by uuid REFERENCES users(id),
      assigned_at timestamptz NOT NULL,
      UNIQUE (application_id, evaluator_id),
      CHECK (status = 'pending' OR declared_at IS NOT NULL),
      CHECK (status <> 'recused' OR conflict_note IS NOT NULL),
      CHECK (status <> 'submitted' OR submitted_at IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX evaluation_assignments_evaluator_idx ON evaluation_assignments (evaluator_id, status)`.execute(
    db,
  );

  await sql`
    CREATE TABLE evaluation_scores (
      assignment_id uuid NOT NULL REFERENCES evaluation_assignments(id),
      criterion_key text NOT NULL,
      score integer NOT NULL CHECK (score >= 0),
      comment text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (assignment_id, criterion_key)
    )`.execute(db);

  // An applicant may appeal a decision once.
  await sql`
    CREATE TABLE appeals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
      status text NOT NULL CHECK (status IN ('pending', 'upheld', 'rejected')),
      resolution_reason text,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      resolved_by uuid REFERENCES users(id),
      resolved_at timestamptz,
      CHECK (status = 'pending' OR (resolution_reason IS NOT NULL AND resolved_at IS NOT NULL))
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'appeals',
    'evaluation_scores',
    'evaluation_assignments',
    'application_documents',
    'applications',
    'application_reference_counters',
    'call_quota_releases',
    'call_quotas',
    'call_criteria',
    'calls',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
}
