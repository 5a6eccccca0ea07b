import { type Kysely, sql } from 'kysely';

// An inspection photo that staff have made public (decision 0072): when, by whom, and its written
// description in English and Urdu (the alt text of the public centre page). All nullable, no
// default: instant at any size. Public needs both descriptions and the staff member.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE center_inspection_photos
    ADD COLUMN public_at timestamptz,
    ADD COLUMN public_by uuid REFERENCES users(id),
    ADD COLUMN alt_en text CHECK (length(alt_en) BETWEEN 3 AND 200),
    ADD COLUMN alt_ur text CHECK (length(alt_ur) BETWEEN 3 AND 200),
    ADD CONSTRAINT center_inspection_photos_public_check
      CHECK (public_at IS NULL OR (public_by IS NOT NULL AND alt_en IS NOT NULL AND alt_ur IS NOT NULL))`.execute(
    db,
  );
  await sql`CREATE INDEX center_inspection_photos_public_idx ON center_inspection_photos (center_id, public_at)
    WHERE public_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX center_inspection_photos_public_idx`.execute(db);
  await sql`ALTER TABLE center_inspection_photos
    DROP CONSTRAINT center_inspection_photos_public_check,
    DROP COLUMN alt_ur, DROP COLUMN alt_en, DROP COLUMN public_by, DROP COLUMN public_at`.execute(db);
}
