import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The centre directory (`GET /api/v1/centers`) pages operational centres by name: with this
  // index a page reads its 50 rows in order and stops, instead of sorting every operational
  // centre (10,000 at national size) on every request.
  await sql`CREATE INDEX centers_status_name_idx ON centers (status, name_en, center_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS centers_status_name_idx`.execute(db);
}
