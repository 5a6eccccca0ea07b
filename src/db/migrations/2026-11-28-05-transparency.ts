import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The promise register: what was announced, by whom, where it was reported, and against which
  // live figure its delivery is measured. Corrections are new rows that supersede old ones.
  await sql`
    CREATE TABLE promises (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE CHECK (ref ~ '^P-[0-9]{3,6}$'),
      announced_on date NOT NULL,
      announced_precision text NOT NULL DEFAULT 'day' CHECK (announced_precision IN ('day', 'month', 'year')),
      announced_by text NOT NULL CHECK (length(announced_by) BETWEEN 1 AND 200),
      source_name text NOT NULL CHECK (length(source_name) BETWEEN 1 AND 200),
      source_url text CHECK (source_url ~ '^https?://'),
      title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 300),
      title_ur text NOT NULL CHECK (length(title_ur) BETWEEN 1 AND 300),
      target_value bigint NOT NULL CHECK (target_value > 0),
      unit text NOT NULL CHECK (unit IN ('centres', 'people', 'seats', 'usd_cents', 'pkr_paisa', 'usd_cents_per_year')),
      figure_key text NOT NULL,
      province_code text REFERENCES provinces(code),
      deadline date,
      superseded_by uuid REFERENCES promises(id),
      correction_note text,
      created_at timestamptz NOT NULL
    )`.execute(db);

  // Current public figures, refreshed by a background job, so the portal reads a small table
  // instead of scanning bookings and loans on every visit.
  await sql`
    CREATE TABLE public_figures (
      key text PRIMARY KEY,
      total bigint,
      by_province jsonb,
      computed_at timestamptz NOT NULL
    )`.execute(db);

  // One row per day, kept forever: every public figure, chained by hash to the day before and
  // to the audit chain's signed checkpoint of that day.
  await sql`
    CREATE TABLE public_snapshots (
      day date PRIMARY KEY,
      content jsonb NOT NULL,
      hash text NOT NULL,
      prev_hash text NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE FUNCTION public_snapshots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'public_snapshots are kept forever: publish a correction instead';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER public_snapshots_append_only BEFORE UPDATE OR DELETE ON public_snapshots
    FOR EACH ROW EXECUTE FUNCTION public_snapshots_guard()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS public_snapshots`.execute(db);
  await sql`DROP FUNCTION IF EXISTS public_snapshots_guard()`.execute(db);
  await sql`DROP TABLE IF EXISTS public_figures`.execute(db);
  await sql`DROP TABLE IF EXISTS promises`.execute(db);
}
