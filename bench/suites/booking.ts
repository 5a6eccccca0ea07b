/**
 * 1. Booking writes. The floor is pgbench inserting straight into the exclusion-constrained
 * `bookings` table at the same concurrency; the figure is the HTTP API doing the whole job
 * (session, CSRF, validation, centre and seat checks, Idempotency-Key, audit entry). Both book
 * distinct (seat, hour) slots, so neither measures conflicts. Then a contention run: many clients
 * on four seats with overlapping windows; the database must hold zero overlaps afterwards.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'autocannon';
import { areas } from '../../src/areas.ts';
import type { Ctx, Figure } from '../lib/context.ts';
import {
  csrfToken,
  FIRST_HOUR,
  freelancerSlotOf,
  HOURS_A_DAY,
  hourlyBookingBody,
  RAW_BOOKER_NAME,
  sessionToken,
  type Targets,
} from '../lib/dataset.ts';
import { type LoadResult, load, log, psql, type Server, startMarkaz } from '../lib/env.ts';
import { ratio, summarize } from '../lib/stats.ts';

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

function freelancerHeaders(f: number, key: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    cookie: `markaz_session=${sessionToken(f)}`,
    'x-csrf-token': csrfToken(f),
    'idempotency-key': key,
  };
}

/** The HTTP booking load: each request books the next distinct slot as one of the freelancers. */
export function bookingRequests(counter: { next: number }, t: Targets, runId: string): Request[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/bookings',
      setupRequest: (req) => {
        const n = counter.next++;
        const s = freelancerSlotOf(n, t);
        if (!s.day) throw new Error('the booking load ran out of slots');
        const seat = t.seats[s.seat]!;
        return {
          ...req,
          headers: freelancerHeaders(s.freelancer, `bench-${runId}-${n}`),
          body: hourlyBookingBody(seat, s),
        };
      },
    },
  ];
}

/** The raw-SQL floor: pgbench, one INSERT per transaction into the same table and slots. */
function pgbenchFloor(ctx: Ctx): { tps: number; latencyMs: number; output: string } {
  const n = ctx.targets.seats.length;
  const booker = psql(
    ctx.pgUrl,
    `SELECT id FROM users WHERE name = '${RAW_BOOKER_NAME}' AND role = 'freelancer' ORDER BY created_at LIMIT 1`,
  );
  psql(ctx.pgUrl, 'DROP SEQUENCE IF EXISTS bench_slot; CREATE SEQUENCE bench_slot START 0 MINVALUE 0;');
  try {
    return runPgbench(
      ctx,
      'raw',
      `INSERT INTO bookings (center_id, seat_id, booker_id, plan, during, blocked, status, price_minor, created_at) SELECT s.center_id, s.seat_id, '${booker}', 'hourly', w.r, w.r, 'confirmed', 25000, now() FROM (SELECT nextval('bench_slot') AS n) q JOIN bench_seats s ON s.i = q.n % ${n} JOIN bench_days d ON d.i = (q.n / ${n}) / ${HOURS_A_DAY} CROSS JOIN LATERAL (SELECT tstzrange(t, t + interval '1 hour', '[)') AS r FROM (SELECT (d.day + (${FIRST_HOUR} + (q.n / ${n}) % ${HOURS_A_DAY}) * interval '1 hour') AT TIME ZONE 'Asia/Karachi' AS t) x) w;\n`,
    );
  } finally {
    // The raw rows go; the HTTP run books the same slots.
    psql(ctx.pgUrl, `DELETE FROM bookings WHERE booker_id = '${booker}'`);
  }
}

/** Runs one pgbench script at the profile's concurrency; its transactions per second. */
function runPgbench(ctx: Ctx, name: string, script: string, extra: string[] = []) {
  const { connections, durationS } = ctx.profile;
  const file = join(tmpdir(), `markaz-bench-${name}-${process.pid}.sql`);
  writeFileSync(file, script);
  try {
    const output = execFileSync(
      'pgbench',
      ['-n', '-c', String(connections), '-j', '2', '-T', String(durationS), ...extra, '-f', file, ctx.pgUrl],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
    const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? Number.NaN);
    return { tps: Math.round(tps * 10) / 10, latencyMs, output };
  } finally {
    rmSync(file, { force: true });
  }
}

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

function statementsFloor(ctx: Ctx, name: string, write: typeof statementsScript) {
  const tag = `bench-floor-${name}-${process.pid}`;
  const script = write(ctx.targets, ctx.profile.connections, tag);
  const inserted = () =>
    Number(psql(ctx.pgUrl, `SELECT count(*) FROM audit_log WHERE request_id = '${tag}'`).split('\n')[0]);
  try {
    const run = runPgbench(ctx, name, script, ['-M', 'extended', '-D', 'k=0']);
    return { ...run, booked: inserted() };
  } finally {
    // The floor's bookings and keys go (its audit entries stay: the log is append-only); the HTTP
    // run books the same slots.
    psql(
      ctx.pgUrl,
      `DELETE FROM bookings WHERE booking_id IN (SELECT entity_id::uuid FROM audit_log WHERE request_id = '${tag}');
       DELETE FROM idempotency_keys WHERE key LIKE '${tag}-%'`,
    );
  }
}

export async function httpBookingLoad(
  counter: { next: number },
  server: Server,
  t: Targets,
  opts: { connections: number; durationS: number; runId: string },
): Promise<{ result: LoadResult; peakRssMb: number }> {
  let peakRssMb = server.rssMb();
  const result = await load({
    url: server.baseUrl,
    connections: opts.connections,
    durationS: opts.durationS,
    pid: server.pid,
    requests: bookingRequests(counter, t, opts.runId),
    onSample: () => {
      const rss = server.rssMb();
      if (rss > peakRssMb) peakRssMb = rss;
    },
  });
  return { result, peakRssMb };
}

/** Many clients, four seats, overlapping windows of 1–3 hours: winners and 409s, never overlaps. */
async function contention(ctx: Ctx): Promise<Figure[]> {
  const t = ctx.targets;
  const centre = t.seats[0]!.centerId;
  const seats = t.seats.filter((s) => s.centerId === centre).slice(0, 4);
  const date = t.days[t.days.length - 1]!;
  let n = 0;
  const result = await load({
    url: ctx.server.baseUrl,
    connections: Math.max(ctx.profile.connections, 32),
    durationS: 60,
    amount: 600,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/bookings',
        setupRequest: (req) => {
          const i = n++;
          const start = 10 + (i % 4);
          return {
            ...req,
            headers: freelancerHeaders(1 + (i % t.sessions), `bench-contention-${process.pid}-${i}`),
            body: JSON.stringify({
              centerId: centre,
              seatId: seats[i % seats.length]!.seatId,
              plan: 'hourly',
              date,
              from: hh(start),
              to: hh(start + 1 + (i % 3)),
            }),
          };
        },
      },
    ],
  });
  const overlaps = Number(
    psql(
      ctx.pgUrl,
      `SELECT count(*) FROM bookings a JOIN bookings b
          ON a.center_id = b.center_id AND a.seat_id = b.seat_id AND a.booking_id < b.booking_id
         AND a.during && b.during
       WHERE a.status IN ('confirmed', 'checked_in') AND b.status IN ('confirmed', 'checked_in')`,
    ),
  );
  const created = result.statuses['201'] ?? 0;
  const conflicts = result.statuses['409'] ?? 0;
  const other = result.requests - created - conflicts;
  log(`contention: ${created} booked, ${conflicts} refused with 409, ${other} other, overlaps ${overlaps}`);
  return [
    {
      benchmark: 'booking',
      name: 'contention on 4 seats: overlapping bookings in the database',
      // Without winners and losers the run proved nothing.
      value: created > 0 && conflicts > 0 ? overlaps : null,
      unit: 'overlaps',
      target: { op: '<=', bound: 0, unit: '', on: 'value' },
      note: `${result.requests} requests: ${created} booked, ${conflicts} answered 409, ${other} other (${JSON.stringify(result.statuses)})`,
    },
  ];
}

export async function bookingBench(ctx: Ctx): Promise<Figure[]> {
  const { connections, durationS } = ctx.profile;
  // Every load books the bench's slots from the first: a suite that ran before this one in the
  // same run (launch-day, search-index) booked on the bench's days. Those go, the slots start again
  // from the first, and VACUUM clears the dead rows from the exclusion index the floors insert into.
  psql(ctx.pgUrl, `DELETE FROM bookings WHERE lower(during) >= '${ctx.targets.days[0]}'::date`);
  ctx.slot.next = 0;
  psql(ctx.pgUrl, 'VACUUM bookings');
  log(`booking: pgbench raw INSERT floor, ${connections} clients, ${durationS} s`);
  const floor = pgbenchFloor(ctx);
  log(`booking: floor ${floor.tps.toFixed(0)} inserts/s (latency ${floor.latencyMs} ms)`);
  log(`booking: pgbench sending the transaction's statements, ${connections} clients, ${durationS} s`);
  const statements = statementsFloor(ctx, 'statements', statementsScript);
  log(
    `booking: the transaction's statements ${statements.tps.toFixed(0)}/s (latency ${statements.latencyMs} ms; ${statements.booked} booked)`,
  );
  log(`booking: pgbench sending the one call's statements, ${connections} clients, ${durationS} s`);
  const oneCall = statementsFloor(ctx, 'one-call', oneCallScript);
  log(
    `booking: the one call's statements ${oneCall.tps.toFixed(0)}/s (latency ${oneCall.latencyMs} ms; ${oneCall.booked} booked)`,
  );

  // Before, in the same run: a second server on the same database booking in a transaction
  // (MARKAZ_BOOK_AT_ONCE=false; no free-seat index: it searches nothing here).
  log(`booking: HTTP POST /api/v1/bookings in a transaction, ${connections} clients, ${durationS} s`);
  const before = await startMarkaz({
    databaseUrl: ctx.pgUrl,
    env: { MARKAZ_BOOK_AT_ONCE: 'false', MARKAZ_SEARCH_INDEX: 'false' },
  });
  let tx: Awaited<ReturnType<typeof httpBookingLoad>>;
  try {
    tx = await httpBookingLoad(ctx.slot, before, ctx.targets, {
      connections,
      durationS,
      runId: `pg-tx-${process.pid}-${Date.now()}`,
    });
  } finally {
    await before.stop();
  }
  const txPerS = Math.round(((tx.result.statuses['201'] ?? 0) / tx.result.durationS) * 10) / 10;
  log(`booking: ${txPerS} bookings/s in a transaction (${JSON.stringify(tx.result.statuses)})`);

  log(`booking: HTTP POST /api/v1/bookings in one call, ${connections} clients, ${durationS} s`);
  const { result, peakRssMb } = await httpBookingLoad(ctx.slot, ctx.server, ctx.targets, {
    connections,
    durationS,
    runId: `pg-${process.pid}-${Date.now()}`,
  });
  const created = result.statuses['201'] ?? 0;
  const createdPerS = Math.round((created / result.durationS) * 10) / 10;
  log(
    `booking: ${createdPerS} bookings/s created (${JSON.stringify(result.statuses)}, errors ${result.errors}); peak RSS ${peakRssMb} MB`,
  );
  const rows = Number(
    psql(
      ctx.pgUrl,
      `SELECT count(*) FROM audit_log WHERE action = 'booking.created' AND coalesce(request_id, '') NOT LIKE 'bench-floor-%'`,
    ).split('\n')[0],
  );
  const rawFloor = {
    name: 'pgbench raw INSERT, same table and concurrency',
    value: floor.tps,
    unit: 'inserts/s',
  };
  return [
    {
      benchmark: 'booking',
      name: 'HTTP booking creation (201 per second)',
      value: createdPerS,
      unit: 'bookings/s',
      floor: rawFloor,
      ratio: ratio(createdPerS, floor.tps),
      target: { op: '>=', bound: 0.5, unit: '×', on: 'ratio' },
      latency: summarize(result.latenciesMs),
      note: `one call (decision 0085); server CPU ${result.serverCpuMsPerRequest} ms a request; ${connections} clients on ${ctx.targets.seats.length} seats; statuses ${JSON.stringify(result.statuses)}; ${rows} booking.created audit entries in all`,
    },
    {
      benchmark: 'booking',
      name: 'HTTP booking creation in a transaction, the same run (MARKAZ_BOOK_AT_ONCE=false)',
      value: txPerS,
      unit: 'bookings/s',
      floor: rawFloor,
      ratio: ratio(txPerS, floor.tps),
      latency: summarize(tx.result.latenciesMs),
      note: `before decision 0085: session, BEGIN, claim and centre, insert with rules, COMMIT; server CPU ${tx.result.serverCpuMsPerRequest} ms a request; statuses ${JSON.stringify(tx.result.statuses)}`,
    },
    {
      benchmark: 'booking',
      name: "HTTP booking creation against the one call's statements sent by pgbench (Node's share)",
      value: createdPerS,
      unit: 'bookings/s',
      floor: {
        name: "pgbench sending one HTTP booking's statements (session, markaz_book_seat; the centre known, the seat from the index)",
        value: oneCall.tps,
        unit: 'transactions/s',
      },
      ratio: ratio(createdPerS, oneCall.tps),
      note: `the one call's statements reach ${ratio(oneCall.tps, floor.tps)} of the raw floor (${oneCall.booked} booked); the transaction's statements ${statements.tps}/s, ${ratio(statements.tps, floor.tps)} of it (${statements.booked} booked); no target: what the ratio misses is Node's and the scheduler's share of a booking`,
    },
    {
      benchmark: 'memory',
      name: 'server RSS under the booking load, PostgreSQL (peak)',
      value: peakRssMb,
      unit: 'MB',
      target: { op: '<=', bound: 300, unit: ' MB', on: 'value' },
    },
    ...(await contention(ctx)),
  ];
}
