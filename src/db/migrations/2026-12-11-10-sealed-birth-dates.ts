import { type Kysely, sql } from 'kysely';

// Dates of birth sealed at rest (issue 22; decisions 0038 and 0060): `training_enrolments.birth_date`,
// the only place Markaz keeps one, becomes a text column holding a pii ciphertext (purpose
// `identity`, bound to the table, column and enrolment id). Eligibility by age is decided once, at
// application, from the date the applicant types, so nothing needs the date in SQL. The migration
// writes the dates as ISO text and sets `pii_sweep_needed`: the application seals them right after
// the migrations, before it serves (as 2026-12-09-20 did).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE training_enrolments
    ALTER COLUMN birth_date TYPE text USING to_char(birth_date, 'YYYY-MM-DD')`.execute(db);
  await sql`INSERT INTO system_settings (key, value) VALUES ('pii_sweep_needed', 'true')
    ON CONFLICT (key) DO UPDATE SET value = 'true'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Only for rows still in clear (the sweep never ran): a sealed date does not cast.
  await sql`ALTER TABLE training_enrolments ALTER COLUMN birth_date TYPE date USING birth_date::date`.execute(
    db,
  );
}
