import { type Kysely, sql } from 'kysely';

// Issue 19, what was left (docs/decisions/0062-working-day-calendar-and-arrears-buckets.md):
// - arrears bucket boundaries and their SBP classification as effective-dated, append-only
//   versions (the close of business labels each loan by the version in force on its day), so the
//   fixed list in loans.arrears_bucket's CHECK goes;
// - public holidays say what kind they are (fixed-date, Islamic confirmed by staff, other) and who
//   entered them;
// - documents on a loan (sanction letter, agreement, disbursement proof, …) in the upload store.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE arrears_bucket_versions (
      effective_from date PRIMARY KEY,
      lower_bounds int[] NOT NULL CHECK (cardinality(lower_bounds) BETWEEN 1 AND 10),
      classes text[] NOT NULL CHECK (cardinality(classes) = cardinality(lower_bounds)),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE TRIGGER arrears_bucket_versions_append_only BEFORE UPDATE OR DELETE ON arrears_bucket_versions
    FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);
  // The buckets used until now (1–30, 31–60, 61–90, 91–180, over 180 days).
  await sql`INSERT INTO arrears_bucket_versions (effective_from, lower_bounds, classes, created_at)
    VALUES ('2000-01-01', '{1,31,61,91,181}', '{regular,oaem,substandard,doubtful,loss}', now())`.execute(db);
  await sql`ALTER TABLE loans DROP CONSTRAINT IF EXISTS loans_arrears_bucket_check`.execute(db);
  await sql`UPDATE loans SET arrears_bucket = '181+' WHERE arrears_bucket = '180+'`.execute(db);
  await sql`ALTER TABLE loans ADD CONSTRAINT loans_arrears_bucket_check
    CHECK (arrears_bucket ~ '^(current|[0-9]{1,4}-[0-9]{1,4}|[0-9]{1,4}\\+)$')`.execute(db);

  await sql`ALTER TABLE programme_holidays
    ADD COLUMN kind text NOT NULL DEFAULT 'fixed' CHECK (kind IN ('fixed', 'islamic', 'other')),
    ADD COLUMN entered_by uuid REFERENCES users(id),
    ADD COLUMN entered_at timestamptz`.execute(db);

  await sql`
    CREATE TABLE loan_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      kind text NOT NULL CHECK (kind IN ('sanction_letter', 'agreement', 'disbursement_proof', 'repayment_proof', 'other')),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes int NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX loan_documents_loan_idx ON loan_documents (loan_id, uploaded_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS loan_documents`.execute(db);
  await sql`ALTER TABLE programme_holidays DROP COLUMN IF EXISTS kind, DROP COLUMN IF EXISTS entered_by, DROP COLUMN IF EXISTS entered_at`.execute(
    db,
  );
  await sql`DROP TABLE IF EXISTS arrears_bucket_versions`.execute(db);
}
