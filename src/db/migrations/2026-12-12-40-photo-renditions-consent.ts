import { type Kysely, sql } from 'kysely';

// Smaller copies of an inspection photo for the public page, with no metadata (decision 0078),
// and the owner's own consent to publishing each photo. A photo that staff published on the
// owner's word, ticked (decision 0072), is taken off the public page here: only the owner's
// recorded consent may put it back, and the database refuses a public photo without it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE center_photo_renditions (
      center_id uuid NOT NULL,
      photo_id uuid NOT NULL,
      width integer NOT NULL CHECK (width BETWEEN 1 AND 4096),
      height integer NOT NULL CHECK (height BETWEEN 1 AND 16384),
      content_type text NOT NULL CHECK (content_type = 'image/webp'),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      storage_key text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, photo_id, width),
      FOREIGN KEY (center_id, photo_id) REFERENCES center_inspection_photos (center_id, photo_id) ON DELETE CASCADE
    )`.execute(db);
  await sql`ALTER TABLE center_inspection_photos
    ADD COLUMN owner_consent boolean NOT NULL DEFAULT false,
    ADD COLUMN owner_consent_at timestamptz`.execute(db);
  await sql`UPDATE center_inspection_photos SET public_at = NULL, public_by = NULL WHERE public_at IS NOT NULL`.execute(
    db,
  );
  await sql`ALTER TABLE center_inspection_photos ADD CONSTRAINT center_inspection_photos_consent_check
    CHECK (public_at IS NULL OR owner_consent)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE center_inspection_photos
    DROP CONSTRAINT center_inspection_photos_consent_check,
    DROP COLUMN owner_consent_at, DROP COLUMN owner_consent`.execute(db);
  await sql`DROP TABLE center_photo_renditions`.execute(db);
}
