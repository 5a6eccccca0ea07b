import { type Kysely, sql } from 'kysely';

// The free-seat index's change feed (issue 21, decision 0068): every write that changes which
// seats are free says so on the channel `markaz_free_seats`, from the database itself, so a write
// path added later (a reschedule, a training room, a closure's cancellations) cannot forget to.
// - A booking: `b,<centre>,<booking>,<seat>,<start ms>,<end ms>,<1 live | 0 not>` (its blocked span).
// - Anything else about a centre (the centre, its seats, hours, closures, whole-room holds):
//   `c,<centre>`, and the index reloads that centre.
// NOTIFY is delivered at commit, in commit order, and only if the transaction commits; identical
// payloads in one transaction are sent once (a centre's 100 new seats: one message).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION markaz_free_seats_booking() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r record;
    BEGIN
      IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
      PERFORM pg_notify('markaz_free_seats', concat_ws(',', 'b', r.center_id, r.booking_id, r.seat_id,
        floor(extract(epoch FROM lower(r.blocked)) * 1000)::bigint,
        floor(extract(epoch FROM upper(r.blocked)) * 1000)::bigint,
        CASE WHEN TG_OP <> 'DELETE' AND r.status IN ('confirmed', 'checked_in') THEN 1 ELSE 0 END));
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION markaz_free_seats_centre() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('markaz_free_seats', 'c,' || OLD.center_id); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('markaz_free_seats', 'c,' || NEW.center_id); END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER free_seats_booking AFTER INSERT OR DELETE OR UPDATE OF status, blocked, seat_id ON bookings
      FOR EACH ROW EXECUTE FUNCTION markaz_free_seats_booking()`.execute(db);
  for (const table of ['centers', 'seats', 'center_opening_hours', 'center_closures']) {
    await sql`
      CREATE TRIGGER free_seats_centre AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION markaz_free_seats_centre()`.execute(db);
  }
  // A seat booking's own lane in a room is already a booking message; only whole-room holds count.
  await sql`
    CREATE TRIGGER free_seats_room_hold AFTER INSERT OR UPDATE ON space_holds
      FOR EACH ROW WHEN (NEW.booking_id IS NULL) EXECUTE FUNCTION markaz_free_seats_centre()`.execute(db);
  await sql`
    CREATE TRIGGER free_seats_room_release AFTER DELETE ON space_holds
      FOR EACH ROW WHEN (OLD.booking_id IS NULL) EXECUTE FUNCTION markaz_free_seats_centre()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER free_seats_booking ON bookings`.execute(db);
  for (const table of ['centers', 'seats', 'center_opening_hours', 'center_closures'])
    await sql`DROP TRIGGER free_seats_centre ON ${sql.table(table)}`.execute(db);
  await sql`DROP TRIGGER free_seats_room_hold ON space_holds`.execute(db);
  await sql`DROP TRIGGER free_seats_room_release ON space_holds`.execute(db);
  await sql`DROP FUNCTION markaz_free_seats_booking()`.execute(db);
  await sql`DROP FUNCTION markaz_free_seats_centre()`.execute(db);
}
