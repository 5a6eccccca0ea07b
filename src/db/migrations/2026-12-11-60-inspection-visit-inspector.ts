import { type Kysely, sql } from 'kysely';

// Inspection visits name their inspector (issue 14): a programme admin who goes to the centre and
// records the inspection. Nullable, since visits booked before this have none and staff may book
// one before they know who goes. The calendar filters by inspector and pages by (starts_at, id).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE center_inspection_visits ADD COLUMN inspector_id uuid REFERENCES users(id)`.execute(
    db,
  );
  await sql`CREATE INDEX center_inspection_visits_inspector
    ON center_inspection_visits (inspector_id, starts_at) WHERE inspector_id IS NOT NULL`.execute(db);
}
