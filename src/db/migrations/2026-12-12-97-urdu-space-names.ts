import { type Kysely, sql } from 'kysely';

// Urdu names for a centre's spaces and Urdu text for its closures (issue 17): optional, so an
// owner who writes only English still can; Urdu pages show the Urdu where there is one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE center_spaces ADD COLUMN name_ur text CHECK (length(name_ur) BETWEEN 1 AND 100)`.execute(
    db,
  );
  await sql`ALTER TABLE center_closures ADD COLUMN reason_ur text CHECK (length(reason_ur) BETWEEN 1 AND 500)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE center_closures DROP COLUMN reason_ur`.execute(db);
  await sql`ALTER TABLE center_spaces DROP COLUMN name_ur`.execute(db);
}
