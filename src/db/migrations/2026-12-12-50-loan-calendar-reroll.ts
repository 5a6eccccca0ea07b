import { type Kysely, sql } from 'kysely';

// Issue 19 (decision 0079):
// - an instalment keeps the due date its schedule set before any roll (`scheduled_date`; null:
//   the same as `due_date`), so a change to the working-day calendar can roll it again from there
//   (a holiday added moves it later, one removed brings it back);
// - a future-dated arrears-bucket version can be withdrawn before it is in force: the row stays
//   (withdrawn_at/by), only that change is allowed by the append-only guard, and a new version may
//   then be added for the same day;
// - a loan keeps the SBP classification of its arrears bucket beside the bucket (written by the
//   same close-of-business statement); loans in arrears now get the class of their bucket's start
//   in the latest version that has it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE loan_instalments ADD COLUMN scheduled_date date`.execute(db);
  await sql`ALTER TABLE loans ADD COLUMN sbp_class text NOT NULL DEFAULT 'current'
    CHECK (sbp_class IN ('current', 'regular', 'oaem', 'substandard', 'doubtful', 'loss'))`.execute(db);
  await sql`UPDATE loans l SET sbp_class = coalesce((
      SELECT v.classes[array_position(v.lower_bounds, substring(l.arrears_bucket from '^[0-9]+')::int)]
        FROM arrears_bucket_versions v
       WHERE v.lower_bounds @> ARRAY[substring(l.arrears_bucket from '^[0-9]+')::int]
       ORDER BY v.effective_from DESC LIMIT 1), 'current')
    WHERE l.arrears_bucket <> 'current'`.execute(db);

  await sql`ALTER TABLE arrears_bucket_versions
    ADD COLUMN withdrawn_at timestamptz,
    ADD COLUMN withdrawn_by uuid REFERENCES users(id)`.execute(db);
  await sql`ALTER TABLE arrears_bucket_versions DROP CONSTRAINT arrears_bucket_versions_pkey`.execute(db);
  await sql`CREATE UNIQUE INDEX arrears_bucket_versions_live ON arrears_bucket_versions (effective_from)
    WHERE withdrawn_at IS NULL`.execute(db);
  await sql`DROP TRIGGER arrears_bucket_versions_append_only ON arrears_bucket_versions`.execute(db);
  await sql`
    CREATE FUNCTION arrears_bucket_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL
         AND NEW.effective_from = OLD.effective_from AND NEW.lower_bounds = OLD.lower_bounds
         AND NEW.classes = OLD.classes AND NEW.created_by IS NOT DISTINCT FROM OLD.created_by
         AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'arrears_bucket_versions is append-only (a version can only be withdrawn)';
    END $$`.execute(db);
  await sql`CREATE TRIGGER arrears_bucket_versions_append_only BEFORE UPDATE OR DELETE ON arrears_bucket_versions
    FOR EACH ROW EXECUTE FUNCTION arrears_bucket_versions_guard()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS arrears_bucket_versions_append_only ON arrears_bucket_versions`.execute(
    db,
  );
  await sql`DROP FUNCTION IF EXISTS arrears_bucket_versions_guard()`.execute(db);
  await sql`DROP INDEX IF EXISTS arrears_bucket_versions_live`.execute(db);
  await sql`ALTER TABLE arrears_bucket_versions DROP COLUMN IF EXISTS withdrawn_at, DROP COLUMN IF EXISTS withdrawn_by`.execute(
    db,
  );
  await sql`ALTER TABLE arrears_bucket_versions ADD PRIMARY KEY (effective_from)`.execute(db);
  await sql`CREATE TRIGGER arrears_bucket_versions_append_only BEFORE UPDATE OR DELETE ON arrears_bucket_versions
    FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);
  await sql`ALTER TABLE loans DROP COLUMN IF EXISTS sbp_class`.execute(db);
  await sql`ALTER TABLE loan_instalments DROP COLUMN IF EXISTS scheduled_date`.execute(db);
}
