import { type Kysely, sql } from 'kysely';

// Every look at a person's personal data (issue 22, docs/decisions/0050-personal-data-access.md):
// who read whose what, why and when, whenever the reader is not the person. Rows are never
// changed (a trigger refuses UPDATE); the retention job may delete rows older than the retention
// period. `data_access_alerts` records each hour in which one reader looked at unusually many people.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE personal_data_access (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_user_id uuid REFERENCES users(id),
      actor_api_key_id uuid,
      actor_role text NOT NULL,
      subject_user_id uuid NOT NULL REFERENCES users(id),
      fields text[] NOT NULL CHECK (cardinality(fields) BETWEEN 1 AND 20),
      purpose text NOT NULL CHECK (purpose IN ('application_review', 'loan_servicing', 'booking_support',
        'training_administration', 'complaint', 'fraud_investigation', 'audit', 'legal_request')),
      via text NOT NULL CHECK (length(via) BETWEEN 1 AND 200)
    )`.execute(db);
  await sql`CREATE INDEX personal_data_access_subject ON personal_data_access (subject_user_id, at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX personal_data_access_actor ON personal_data_access (actor_user_id, at DESC)`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION personal_data_access_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'personal_data_access is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER personal_data_access_append_only BEFORE UPDATE ON personal_data_access
    FOR EACH ROW EXECUTE FUNCTION personal_data_access_no_update()`.execute(db);
  await sql`
    CREATE TABLE data_access_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      actor_user_id uuid NOT NULL REFERENCES users(id),
      hour_start timestamptz NOT NULL,
      people integer NOT NULL CHECK (people > 0),
      raised_at timestamptz NOT NULL,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      review_note text CHECK (review_note IS NULL OR length(review_note) BETWEEN 3 AND 1000),
      UNIQUE (actor_user_id, hour_start)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS data_access_alerts`.execute(db);
  await sql`DROP TABLE IF EXISTS personal_data_access`.execute(db);
  await sql`DROP FUNCTION IF EXISTS personal_data_access_no_update()`.execute(db);
}
