/**
 * The statements one HTTP booking sends, written out for pgbench (the booking suite's statements
 * floors): the transaction's (decision 0013) and the one call's (decision 0085), over the extended
 * protocol, with the same freelancer/seat/time spread as the HTTP load.
 */
import { areas } from '../../src/areas.ts';
import { FIRST_HOUR, HOURS_A_DAY, type Targets } from './dataset.ts';

/** A booking's answer of the usual size, stored as the Idempotency-Key's answer by the statements floor. */
const SAMPLE_ANSWER = JSON.stringify({
  bookings: [
    {
      id: '00000000-0000-4000-8000-000000000001',
      centerId: '00000000-0000-4000-8000-000000000002',
      centerName: 'Bench Centre 0001',
      centerNameUr: 'بینچ مرکز',
      cityName: 'Lahore',
      cityNameUr: 'لاہور',
      seatId: '00000000-0000-4000-8000-000000000003',
      seatLabel: 'H12',
      seatKind: 'hot_desk',
      bookerId: '00000000-0000-4000-8000-000000000004',
      plan: 'hourly',
      start: '2026-12-10T05:00:00.000Z',
      end: '2026-12-10T06:00:00.000Z',
      status: 'confirmed',
      price: { amountMinor: 25000, currency: 'PKR' },
      paid: false,
      seriesId: null,
      createdAt: '2026-11-28T22:40:00.000Z',
      cancelledAt: null,
      lateCancellation: false,
      cancelReason: null,
      cancelNote: null,
      checkedInAt: null,
      refundDue: false,
      refundedAt: null,
    },
  ],
  skipped: [],
  total: { amountMinor: 25000, currency: 'PKR' },
})
  // pgbench reads ":name" as a variable even inside quotes: no colon directly before a word.
  .replaceAll(':', ': ')
  .replaceAll("'", "''");

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The statements floor: pgbench sending, per transaction, the statements one HTTP booking of a
 * named seat sends (written from the code: session.service.ts authenticateSession,
 * bookings.repository.ts lockCenterForBooking and bookSeat, idempotency.ts, record-change.ts),
 * over the extended protocol as node-postgres does, at the same concurrency, with the same
 * freelancer/seat/time spread as the HTTP load (`freelancerSlotOf`, a counter per client). The
 * session lookup also reads the request's seat, time and a new booking id (Node has them from
 * the request and randomUUID): two primary-key lookups more than the HTTP request's statement.
 * What HTTP loses against this floor is Node's (and the scheduler's) share.
 */
export function statementsScript(t: Targets, connections: number, tag: string): string {
  return `\\set k :k + 1
\\set n (:k - 1) * ${connections} + :client_id
\\set f :n % ${t.sessions}
\\set kk :n / ${t.sessions}
\\set seat (:f + :kk * ${t.sessions}) % ${t.seats.length}
\\set day (:kk / ${HOURS_A_DAY}) % ${t.days.length}
\\set hour ${FIRST_HOUR} + :kk % ${HOURS_A_DAY}
SELECT u.id AS booker, u.role, u.organization_id, u.status, se.csrf_token, se.expires_at,
       bs.center_id AS center, bs.seat_id AS seat_id, w.t0, w.t0 + interval '1 hour' AS t1,
       gen_random_uuid() AS booking_id, now() AS now
  FROM sessions se JOIN users u ON u.id = se.user_id, bench_seats bs, bench_days bd,
       LATERAL (SELECT (bd.day + :hour::int * interval '1 hour') AT TIME ZONE 'Asia/Karachi' AS t0) w
 WHERE se.token_hash = encode(sha256(convert_to('bench-session-' || (1 + :f::int)::text, 'UTF8')), 'hex')
   AND bs.i = :seat::int AND bd.i = :day::int \\gset
BEGIN;
WITH claim AS (
  INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at)
  VALUES ('user:' || :booker::text || ':' || 'booking.create', '${tag}-' || :n::text, '${HASH}', 0, 'null', :now::timestamptz)
  ON CONFLICT (scope, key) DO NOTHING RETURNING key)
SELECT c.*, k.n > 0 AS claimed,
       (SELECT ci.name_en FROM cities ci WHERE ci.id = c.city_id) AS city_name,
       (SELECT ci.name_ur FROM cities ci WHERE ci.id = c.city_id) AS city_name_ur,
       (SELECT s.kind FROM seats s WHERE s.center_id = c.center_id AND s.seat_id = :seat_id::uuid) AS seat_kind,
       (SELECT s.active FROM seats s WHERE s.center_id = c.center_id AND s.seat_id = :seat_id::uuid) AS seat_active,
       (SELECT s.label FROM seats s WHERE s.center_id = c.center_id AND s.seat_id = :seat_id::uuid) AS seat_label,
       pg_advisory_xact_lock(hashtextextended('booker:' || :booker::text, 0)) AS booker_locked,
       (SELECT coalesce(json_agg(agg), '[]') FROM (SELECT h.weekday, h.opens, h.closes FROM center_opening_hours h
          WHERE h.center_id = c.center_id) AS agg) AS hours,
       (SELECT coalesce(json_agg(agg), '[]') FROM (SELECT x.starts_on, x.ends_on, x.reason FROM center_closures x
          WHERE x.center_id = c.center_id AND x.ends_on >= :now::date) AS agg) AS closures
  FROM centers c INNER JOIN (SELECT count(*) AS n FROM claim) k ON true
 WHERE c.center_id = :center::uuid
   FOR SHARE OF c;
WITH own AS (
  SELECT b.booking_id, b.center_id, c.name_en, lower(b.during) AS starts_at, upper(b.during) AS ends_at
    FROM bookings b JOIN centers c ON c.center_id = b.center_id
   WHERE b.booker_id = :booker::uuid AND b.status IN ('confirmed', 'checked_in')
     AND b.during && tstzrange(:t0::timestamptz, :t1::timestamptz, '[)')
   ORDER BY lower(b.during) LIMIT 20
), held AS (
  SELECT w.offered_seat_id FROM waitlist_entries w
   WHERE w.center_id = :center::uuid AND w.status = 'offered' AND w.offer_expires_at > :now::timestamptz
     AND w.freelancer_id <> :booker::uuid AND w.during && tstzrange(:t0::timestamptz, :t1::timestamptz, '[)')
), ins AS (
  INSERT INTO bookings (booking_id, center_id, seat_id, booker_id, plan, during, blocked, status,
                        price_minor, series_id, created_at)
  SELECT :booking_id::uuid, :center::uuid, :seat_id::uuid, :booker::uuid, 'hourly'::text,
         tstzrange(:t0::timestamptz, :t1::timestamptz, '[)'), tstzrange(:t0::timestamptz, :t1::timestamptz, '[)'),
         'confirmed', 25000::bigint, NULL::uuid, :now::timestamptz
   WHERE (SELECT count(*) FROM own) < 1
     AND NOT EXISTS (SELECT 1 FROM held WHERE held.offered_seat_id = :seat_id::uuid)
  ON CONFLICT DO NOTHING
  RETURNING booking_id
), audit AS (
  INSERT INTO audit_log (occurred_at, actor_id, actor_kind, action, entity, entity_id,
                         before_digest, after_digest, details, request_id)
  SELECT :now::timestamptz, :booker::uuid, 'user', 'booking.created', 'booking', :booking_id::text,
         NULL, '${HASH}', json_build_object('centerId', :center::text, 'seatId', :seat_id::text, 'plan', 'hourly',
           'start', :t0::text, 'end', :t1::text)::jsonb, '${tag}'
   WHERE EXISTS (SELECT 1 FROM ins)
), answer AS (
  UPDATE idempotency_keys SET status_code = 201, response = '${SAMPLE_ANSWER}'::jsonb
   WHERE scope = 'user:' || :booker::text || ':' || 'booking.create' AND key = '${tag}-' || :n::text
     AND EXISTS (SELECT 1 FROM ins)
)
SELECT (SELECT coalesce(json_agg(own ORDER BY own.starts_at), '[]') FROM own) AS own,
       (SELECT coalesce(json_agg(held.offered_seat_id), '[]') FROM held) AS held,
       EXISTS (SELECT 1 FROM ins) AS booked;
COMMIT;
`;
}

/**
 * The one-call statements floor (decision 0085): what one HTTP booking of a named seat sends once
 * its process knows the centre (kept from an earlier booking) and the seat (the free-seat index) —
 * the session, and the whole booking as one call of markaz_book_seat with the audit entry, the
 * key's answer and the booking.confirmed event — over the extended protocol, with the same spread
 * as the HTTP load. The session's statement also reads the centre's version (Node keeps it).
 */
export function oneCallScript(t: Targets, connections: number, tag: string): string {
  // pgbench reads ":name" as a variable even inside quotes: a colon is joined in as its own string.
  const handlers = JSON.stringify([...areas.subscribers('booking.confirmed')]).replaceAll(
    ':',
    "' || ':' || '",
  );
  const session = statementsScript(t, connections, tag)
    .split('BEGIN;')[0]!
    .replace(
      'gen_random_uuid() AS booking_id, now() AS now',
      'gen_random_uuid() AS booking_id, now() AS now, bs.label AS label,\n       (SELECT c.booking_version FROM centers c WHERE c.center_id = bs.center_id) AS version',
    );
  return `${session}SELECT markaz_book_seat(jsonb_build_object(
  'claim', jsonb_build_object('scope', 'user:' || :booker::text || ':' || 'booking.create', 'key', '${tag}-' || :n::text,
                              'requestHash', '${HASH}', 'at', :now::timestamptz),
  'version', :version::bigint,
  'booking', jsonb_build_object('bookingId', :booking_id::uuid, 'centerId', :center::uuid, 'seatId', :seat_id::uuid,
                                'seatKind', 'hot_desk', 'seatLabel', :label::text,
                                'bookerId', :booker::uuid, 'plan', 'hourly', 'start', :t0::timestamptz, 'end', :t1::timestamptz,
                                'blockedEnd', :t1::timestamptz, 'priceMinor', 25000, 'now', :now::timestamptz),
  'audit', jsonb_build_object('occurred_at', :now::timestamptz, 'actor_id', :booker::uuid, 'actor_kind', 'user',
                              'action', 'booking.created', 'entity', 'booking', 'entity_id', :booking_id::text,
                              'before_digest', NULL, 'after_digest', '${HASH}',
                              'details', jsonb_build_object('centerId', :center::text, 'seatId', :seat_id::text,
                                'plan', 'hourly', 'start', :t0::text, 'end', :t1::text), 'request_id', '${tag}'),
  'answer', '${SAMPLE_ANSWER}'::jsonb,
  'event', jsonb_build_object('id', gen_random_uuid(), 'name', 'booking.confirmed', 'version', 1,
                              'payload', jsonb_build_object('bookingIds', jsonb_build_array(:booking_id::text),
                                'centerId', :center::text, 'bookerId', :booker::text, 'fromWaitlist', false),
                              'occurred_at', :now::timestamptz, 'request_id', '${tag}', 'handlers', ('${handlers}')::jsonb)));
`;
}
