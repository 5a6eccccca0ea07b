import { type Kysely, sql } from 'kysely';

// A booking in one round trip (issue 21, decision 0085).
// - centers.booking_version: a new number whenever anything a booking is decided on changes — the
//   centre's row (status, prices, rules, names), its opening hours, its closures, its city's names.
//   Kept by triggers, so a write path added later cannot forget it.
// - markaz_booking_centre(centre, from): what a booking is decided on — the centre's status,
//   names, prices and rules, its city, its opening hours and the closures that end on or after
//   `from`, and the version — as one jsonb value. Node reads it (or keeps it from an earlier
//   booking) and checks the booking's window and price against it (booking-window.ts).
// - markaz_book_seat(p): the whole booking as one autocommit statement. Its statements run one
//   after another, each with a snapshot of its own (PL/pgSQL, READ COMMITTED), so what a single
//   SQL statement cannot do, this can: read the booker's own bookings *after* taking the booker's
//   lock. In order: the Idempotency-Key's claim (its row, as the transaction claims it); the centre
//   FOR SHARE, its version compared with the one Node decided on, and the booker's advisory lock
//   (the same keys as the transactional path, so the two paths exclude each other); the seat still
//   in service with the kind and label Node gave it (from the free-seat index, or read); the
//   booker's own overlaps; the waitlist's held seats; the insert (the exclusion constraint
//   decides a contested seat); its audit entry, the key's answer, the booking.confirmed event and
//   its deliveries. It answers {"outcome": "booked"} or, having undone its claim, why not:
//   not_claimed, stale, own, held, taken. Node then takes the transactional path, which gives the
//   full answer (the replay, the 409 with alternatives, the error naming the field).
// Both functions are PL/pgSQL so that their plans are kept for the session: as a SQL function
// called per row, the centre's read was planned on every call (half the booking's database time
// at national size).

export async function up(db: Kysely<unknown>): Promise<void> {
  // From a sequence, not a count per centre: a number never comes back for different content,
  // even for a centre deleted and made again with the same id.
  await sql`CREATE SEQUENCE centre_booking_versions`.execute(db);
  await sql`ALTER TABLE centers ADD COLUMN booking_version bigint NOT NULL DEFAULT nextval('centre_booking_versions')`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION markaz_centre_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.booking_version = OLD.booking_version THEN NEW.booking_version := nextval('centre_booking_versions'); END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER booking_version BEFORE UPDATE ON centers
      FOR EACH ROW EXECUTE FUNCTION markaz_centre_row_changed()`.execute(db);
  await sql`
    CREATE FUNCTION markaz_centre_calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        UPDATE centers SET booking_version = nextval('centre_booking_versions') WHERE center_id = OLD.center_id;
      END IF;
      IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.center_id IS DISTINCT FROM OLD.center_id) THEN
        UPDATE centers SET booking_version = nextval('centre_booking_versions') WHERE center_id = NEW.center_id;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of ['center_opening_hours', 'center_closures'])
    await sql`
      CREATE TRIGGER booking_version AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION markaz_centre_calendar_changed()`.execute(db);
  await sql`
    CREATE FUNCTION markaz_city_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE centers SET booking_version = nextval('centre_booking_versions') WHERE city_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER booking_version AFTER UPDATE OF name_en, name_ur ON cities
      FOR EACH ROW WHEN (NEW.name_en IS DISTINCT FROM OLD.name_en OR NEW.name_ur IS DISTINCT FROM OLD.name_ur)
      EXECUTE FUNCTION markaz_city_renamed()`.execute(db);

  await sql`
    CREATE FUNCTION markaz_booking_centre(p_center uuid, p_from date) RETURNS jsonb
    LANGUAGE plpgsql STABLE AS $$
    BEGIN
      RETURN (SELECT jsonb_build_object(
        'center_id', c.center_id, 'status', c.status, 'name_en', c.name_en, 'name_ur', c.name_ur,
        'owner_id', c.owner_id, 'city_name', ci.name_en, 'city_name_ur', ci.name_ur,
        'price_hourly_minor', c.price_hourly_minor, 'price_day_pass_minor', c.price_day_pass_minor,
        'price_monthly_desk_minor', c.price_monthly_desk_minor,
        'price_meeting_room_hourly_minor', c.price_meeting_room_hourly_minor,
        'max_days_ahead', c.max_days_ahead, 'min_notice_minutes', c.min_notice_minutes,
        'max_booking_hours', c.max_booking_hours, 'meeting_buffer_minutes', c.meeting_buffer_minutes,
        'max_concurrent_per_freelancer', c.max_concurrent_per_freelancer, 'version', c.booking_version,
        'hours', (SELECT coalesce(jsonb_agg(jsonb_build_object('weekday', h.weekday, 'opens', h.opens,
                    'closes', h.closes) ORDER BY h.weekday, h.opens), '[]')
                    FROM center_opening_hours h WHERE h.center_id = c.center_id),
        'closures', (SELECT coalesce(jsonb_agg(jsonb_build_object('starts_on', x.starts_on, 'ends_on', x.ends_on,
                    'reason', x.reason, 'reason_ur', x.reason_ur) ORDER BY x.starts_on, x.ends_on, x.reason), '[]')
                    FROM center_closures x WHERE x.center_id = c.center_id AND x.ends_on >= p_from))
        FROM centers c
        JOIN cities ci ON ci.id = c.city_id
       WHERE c.center_id = p_center);
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION markaz_book_seat(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
    DECLARE
      b jsonb := p->'booking';
      k jsonb := p->'claim';
      v_center uuid := (b->>'centerId')::uuid;
      v_seat uuid := (b->>'seatId')::uuid;
      v_booker uuid := (b->>'bookerId')::uuid;
      v_now timestamptz := (b->>'now')::timestamptz;
      v_during tstzrange := tstzrange((b->>'start')::timestamptz, (b->>'end')::timestamptz, '[)');
      v_blocked tstzrange := tstzrange((b->>'start')::timestamptz, (b->>'blockedEnd')::timestamptz, '[)');
      v_same boolean;
      v_max int;
      v_outcome text;
    BEGIN
      -- The key's claim first, as the transaction's (idempotency.ts): two requests with one key,
      -- whichever way each goes, take their locks in the same order (the key's row, the centre,
      -- the booker), and the second waits for the first and finds its answer.
      IF jsonb_typeof(k) = 'object' THEN
        INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at)
        VALUES (k->>'scope', k->>'key', k->>'requestHash', 0, 'null', (k->>'at')::timestamptz)
        ON CONFLICT (scope, key) DO NOTHING;
        IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'not_claimed'); END IF;
      END IF;

      -- A concurrent suspension waits for the booking; one person's bookings go one at a time.
      SELECT c.booking_version::text = p->>'version',
             (c.max_concurrent_per_freelancer)
        INTO v_same, v_max
        FROM centers c WHERE c.center_id = v_center FOR SHARE;
      PERFORM pg_advisory_xact_lock(hashtextextended('booker:' || v_booker::text, 0));

      IF v_same IS NOT TRUE
         OR NOT EXISTS (SELECT 1 FROM seats s
                         WHERE s.center_id = v_center AND s.seat_id = v_seat AND s.active
                           AND s.kind = b->>'seatKind' AND s.label = b->>'seatLabel') THEN
        v_outcome := 'stale';
      ELSIF (SELECT count(*) FROM (
               SELECT 1 FROM bookings o
                WHERE o.booker_id = v_booker AND o.status IN ('confirmed', 'checked_in')
                  AND o.during && v_during LIMIT 20) own)
            >= v_max THEN
        v_outcome := 'own';
      ELSIF EXISTS (SELECT 1 FROM waitlist_entries w
                     WHERE w.center_id = v_center AND w.status = 'offered' AND w.offer_expires_at > v_now
                       AND w.freelancer_id <> v_booker AND w.during && v_blocked
                       AND w.offered_seat_id = v_seat) THEN
        v_outcome := 'held';
      ELSE
        INSERT INTO bookings (booking_id, center_id, seat_id, booker_id, plan, during, blocked, status,
                              price_minor, series_id, created_at)
        VALUES ((b->>'bookingId')::uuid, v_center, v_seat, v_booker, b->>'plan', v_during, v_blocked,
                'confirmed', (b->>'priceMinor')::bigint, NULL, v_now)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN v_outcome := 'taken'; END IF;
      END IF;

      IF v_outcome IS NOT NULL THEN
        -- Nothing of this request stays: its claim goes too, so the key may be used again.
        IF jsonb_typeof(k) = 'object' THEN
          DELETE FROM idempotency_keys WHERE scope = k->>'scope' AND key = k->>'key';
        END IF;
        RETURN jsonb_build_object('outcome', v_outcome);
      END IF;

      INSERT INTO audit_log (occurred_at, actor_id, actor_kind, action, entity, entity_id,
                             before_digest, after_digest, details, request_id)
      SELECT a.occurred_at, a.actor_id, a.actor_kind, a.action, a.entity, a.entity_id,
             a.before_digest, a.after_digest, a.details, a.request_id
        FROM jsonb_populate_record(NULL::audit_log, p->'audit') a;
      IF jsonb_typeof(k) = 'object' THEN
        UPDATE idempotency_keys SET status_code = 201, response = p->'answer'
         WHERE scope = k->>'scope' AND key = k->>'key';
      END IF;
      IF jsonb_typeof(p->'event') = 'object' THEN
        INSERT INTO domain_events (id, name, version, payload, occurred_at, request_id, dedupe_key)
        SELECT e.id, e.name, e.version, e.payload, e.occurred_at, e.request_id, NULL
          FROM jsonb_populate_record(NULL::domain_events, p->'event') e;
        INSERT INTO event_deliveries (event_id, handler_id, status, attempts, next_attempt_at)
        SELECT (p->'event'->>'id')::uuid, h, 'pending', 0, (p->'event'->>'occurred_at')::timestamptz
          FROM jsonb_array_elements_text(p->'event'->'handlers') h;
      END IF;
      RETURN jsonb_build_object('outcome', 'booked');
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION markaz_book_seat(jsonb)`.execute(db);
  await sql`DROP FUNCTION markaz_booking_centre(uuid, date)`.execute(db);
  for (const table of ['center_opening_hours', 'center_closures', 'cities', 'centers'])
    await sql`DROP TRIGGER booking_version ON ${sql.table(table)}`.execute(db);
  await sql`DROP FUNCTION markaz_city_renamed()`.execute(db);
  await sql`DROP FUNCTION markaz_centre_calendar_changed()`.execute(db);
  await sql`DROP FUNCTION markaz_centre_row_changed()`.execute(db);
  await sql`ALTER TABLE centers DROP COLUMN booking_version`.execute(db);
  await sql`DROP SEQUENCE centre_booking_versions`.execute(db);
}
