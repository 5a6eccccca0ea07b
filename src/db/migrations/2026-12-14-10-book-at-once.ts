import { type Kysely, sql } from 'kysely';

// A booking in one round trip (issue 21, decision 0085). Two functions, both PL/pgSQL so that
// their plans are kept for the session (as SQL functions called per row they were planned on
// every call: half of the booking's database time at national size):
// - markaz_booking_centre(centre, from): what a booking is decided on — the centre's status,
//   names, prices and rules, its city, its opening hours and the closures that end on or after
//   `from` — as one jsonb value. Node reads it (or keeps it from an earlier booking), checks the
//   booking's window and price against it (booking-window.ts), and sends back its md5.
// - markaz_book_seat(p): the whole booking as one autocommit statement. Its statements run one
//   after another, each with a snapshot of its own (PL/pgSQL, READ COMMITTED), so what a single
//   SQL statement cannot do, this can: read the booker's own bookings *after* taking the booker's
//   lock. In order: the Idempotency-Key's claim; the centre FOR SHARE and the booker's advisory
//   lock (the same keys as the transactional path, so the two paths exclude each other); the
//   centre read again and compared with the md5 Node decided on, and the seat still in service with
//   the kind and label Node gave it (from the free-seat index, or read); the booker's own overlaps; the
//   waitlist's held seats; the insert (the exclusion constraint decides a contested seat); its
//   audit entry, the key's answer, the booking.confirmed event and its deliveries.
//   It answers {"outcome": "booked"} or, having undone its claim, why not: not_claimed, stale,
//   own, held, taken. Node then takes the transactional path, which gives the full answer (the
//   replay, the 409 with alternatives, the error naming the field).

export async function up(db: Kysely<unknown>): Promise<void> {
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
        'max_concurrent_per_freelancer', c.max_concurrent_per_freelancer,
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
      v_centre jsonb;
      v_outcome text;
    BEGIN
      -- The claim first: two requests with one key take their locks in the same order.
      IF jsonb_typeof(k) = 'object' THEN
        INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at)
        VALUES (k->>'scope', k->>'key', k->>'requestHash', 0, 'null', (k->>'at')::timestamptz)
        ON CONFLICT (scope, key) DO NOTHING;
        IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'not_claimed'); END IF;
      END IF;

      -- A concurrent suspension waits for the booking; one person's bookings go one at a time.
      PERFORM 1 FROM centers WHERE center_id = v_center FOR SHARE;
      PERFORM pg_advisory_xact_lock(hashtextextended('booker:' || v_booker::text, 0));

      v_centre := markaz_booking_centre(v_center, (p->>'fromDate')::date);
      IF v_centre IS NULL OR md5(v_centre::text) <> p->>'digest'
         OR NOT EXISTS (SELECT 1 FROM seats s
                         WHERE s.center_id = v_center AND s.seat_id = v_seat AND s.active
                           AND s.kind = b->>'seatKind' AND s.label = b->>'seatLabel') THEN
        v_outcome := 'stale';
      ELSIF (SELECT count(*) FROM (
               SELECT 1 FROM bookings o
                WHERE o.booker_id = v_booker AND o.status IN ('confirmed', 'checked_in')
                  AND o.during && v_during LIMIT 20) own)
            >= (v_centre->>'max_concurrent_per_freelancer')::int THEN
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
        -- Nothing of this request stays: the claim goes too, so the key may be used again.
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
}
