import { type Kysely, sql } from 'kysely';

// The Urdu of the note a closure leaves on the bookings it cancels (issue 17): a closure's
// reason_ur is copied beside cancel_note, so "My bookings" on an Urdu page says why in Urdu
// even after the owner edits or deletes the closure. Null where there was no Urdu.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE bookings ADD COLUMN cancel_note_ur text CHECK (length(cancel_note_ur) <= 1000)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE bookings DROP COLUMN cancel_note_ur`.execute(db);
}
