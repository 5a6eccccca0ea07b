import { type Kysely, sql } from 'kysely';

// The startup fund's personal data sealed at rest (decision 0038): an investor's contact email,
// and the founders of a startup (names and CNICs), kept as one sealed JSON text. The sweep after
// the migrations seals the rows already there (see 2026-12-09-20-personal-data.ts).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE fund_startups ALTER COLUMN founders TYPE text USING founders::text`.execute(db);
  await sql`INSERT INTO system_settings (key, value) VALUES ('pii_sweep_needed', 'true')
    ON CONFLICT (key) DO UPDATE SET value = 'true'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Only for rows still in clear (the sweep never ran).
  await sql`ALTER TABLE fund_startups ALTER COLUMN founders TYPE jsonb USING founders::jsonb`.execute(db);
}
