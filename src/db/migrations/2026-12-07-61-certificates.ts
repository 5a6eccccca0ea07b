import { type Kysely, sql } from 'kysely';

// Certificates (Open Badges 3.0 credentials) and the revocation status list that publishes which
// of them are revoked (docs/decisions/0027-certificates-and-pdf.md).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE certificate_status_index_seq MINVALUE 0 START 0 MAXVALUE 131071`.execute(db);
  await sql`CREATE TABLE certificates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE CHECK (code ~ '^MKZ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
    enrolment_id text NOT NULL UNIQUE,
    user_id uuid NOT NULL REFERENCES users(id),
    display_name text NOT NULL,
    course_id text NOT NULL,
    course_title_en text NOT NULL,
    course_title_ur text NOT NULL,
    hours double precision NOT NULL CHECK (hours > 0),
    skills text[] NOT NULL DEFAULT '{}',
    centre_id text NOT NULL,
    centre_name text NOT NULL,
    cohort_start date NOT NULL,
    cohort_end date NOT NULL,
    completed_on date NOT NULL,
    score double precision CHECK (score BETWEEN 0 AND 100),
    status_index integer NOT NULL UNIQUE DEFAULT nextval('certificate_status_index_seq'),
    credential jsonb NOT NULL,
    issued_at timestamptz NOT NULL,
    revoked_at timestamptz,
    revoked_by uuid REFERENCES users(id),
    revoke_reason text,
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
  )`.execute(db);
  await sql`CREATE INDEX certificates_user ON certificates (user_id, issued_at DESC)`.execute(db);
  await sql`CREATE TABLE credential_status_lists (
    list_id integer PRIMARY KEY,
    credential jsonb NOT NULL,
    updated_at timestamptz NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE credential_status_lists`.execute(db);
  await sql`DROP TABLE certificates`.execute(db);
  await sql`DROP SEQUENCE certificate_status_index_seq`.execute(db);
}
