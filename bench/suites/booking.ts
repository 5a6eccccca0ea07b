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
import { addDays } from '../../src/shared/time.ts';
import type { Ctx, Figure } from '../lib/context.ts';
import {
  centerId,
  csrfToken,
  firstBenchDay,
  RAW_BOOKER_ID,
  type Size,
  seatId,
  sessionToken,
} from '../lib/dataset.ts';
import { type LoadResult, load, log, psql, type Server } from '../lib/env.ts';
import { ratio, summarize } from '../lib/stats.ts';

const HOURS_A_DAY = 12; // 08:00 … 19:00 starts, one hour each; the centres open 08:00–22:00

/** Slot n → a distinct (centre, seat, day, hour): centres first, then seats, then hours, then days. */
export function slotOf(n: number, size: Size) {
  const C = size.centers;
  const S = size.seatsPerCenter;
  const g = 1 + (n % C);
  const k = 1 + (Math.floor(n / C) % S);
  const layer = Math.floor(n / (C * S));
  return { g, k, dayOffset: Math.floor(layer / HOURS_A_DAY), hour: 8 + (layer % HOURS_A_DAY) };
}

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The HTTP booking load: each request books the next distinct slot as one of the freelancers. */
export function bookingRequests(counter: { next: number }, size: Size, runId: string): Request[] {
  const base = firstBenchDay(size);
  return [
    {
      method: 'POST',
      path: '/api/v1/bookings',
      setupRequest: (req) => {
        const n = counter.next++;
        const s = slotOf(n, size);
        const f = 1 + (n % Math.min(size.sessions, size.freelancers));
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            cookie: `markaz_session=${sessionToken(f)}`,
            'x-csrf-token': csrfToken(f),
            'idempotency-key': `bench-${runId}-${n}`,
          },
          body: JSON.stringify({
            centerId: centerId(s.g),
            seatId: seatId(s.g, s.k),
            plan: 'hourly',
            date: addDays(base, s.dayOffset),
            from: hh(s.hour),
            to: hh(s.hour + 1),
          }),
        };
      },
    },
  ];
}

/** The raw-SQL floor: pgbench, one INSERT per transaction into the same table and slots. */
function pgbenchFloor(ctx: Ctx): { tps: number; latencyMs: number; output: string } {
  const { size, connections, durationS } = ctx.profile;
  const cs = size.centers * size.seatsPerCenter;
  const base = firstBenchDay(size);
  psql(
    ctx.pgUrl,
    `DROP TABLE IF EXISTS bench_seats; DROP SEQUENCE IF EXISTS bench_slot;
     CREATE SEQUENCE bench_slot START 0 MINVALUE 0;
     CREATE TABLE bench_seats AS
       SELECT ((k - 1) * ${size.centers} + (g - 1))::int AS i, bench_uuid('c' || g) AS center_id,
              bench_uuid('s' || g || '-' || k) AS seat_id
         FROM generate_series(1, ${size.centers}) g, generate_series(1, ${size.seatsPerCenter}) k;
     ALTER TABLE bench_seats ADD PRIMARY KEY (i); ANALYZE bench_seats;`,
  );
  const script = join(tmpdir(), `markaz-bench-${process.pid}.sql`);
  writeFileSync(
    script,
    `INSERT INTO bookings (center_id, seat_id, booker_id, plan, during, blocked, status, price_minor, created_at)
SELECT s.center_id, s.seat_id, '${RAW_BOOKER_ID}', 'hourly', w.r, w.r, 'confirmed', 25000, now() FROM (SELECT nextval('bench_slot') AS n) q JOIN bench_seats s ON s.i = q.n % ${cs} CROSS JOIN LATERAL (SELECT tstzrange(t, t + interval '1 hour', '[)') AS r FROM (SELECT ('${base} 08:00'::timestamp + ((q.n / ${cs}) / ${HOURS_A_DAY}) * interval '1 day' + ((q.n / ${cs}) % ${HOURS_A_DAY}) * interval '1 hour') AT TIME ZONE 'Asia/Karachi' AS t) x) w;
`,
  );
  try {
    const output = execFileSync(
      'pgbench',
      ['-n', '-c', String(connections), '-j', '2', '-T', String(durationS), '-f', script, ctx.pgUrl],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
    const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? Number.NaN);
    return { tps, latencyMs, output };
  } finally {
    rmSync(script, { force: true });
    // The raw rows go; the HTTP run books the same slots.
    psql(ctx.pgUrl, `DELETE FROM bookings WHERE booker_id = '${RAW_BOOKER_ID}'`);
  }
}

export async function httpBookingLoad(
  counter: { next: number },
  server: Server,
  size: Size,
  opts: { connections: number; durationS: number; runId: string },
): Promise<{ result: LoadResult; peakRssMb: number }> {
  let peakRssMb = server.rssMb();
  const result = await load({
    url: server.baseUrl,
    connections: opts.connections,
    durationS: opts.durationS,
    requests: bookingRequests(counter, size, opts.runId),
    onSample: () => {
      const rss = server.rssMb();
      if (rss > peakRssMb) peakRssMb = rss;
    },
  });
  return { result, peakRssMb };
}

/** Many clients, four seats, overlapping windows of 1–3 hours: winners and 409s, never overlaps. */
async function contention(ctx: Ctx): Promise<Figure[]> {
  const { size, connections } = ctx.profile;
  const date = addDays(firstBenchDay(size), 40);
  let n = 0;
  const result = await load({
    url: ctx.server.baseUrl,
    connections: Math.max(connections, 32),
    durationS: 30,
    amount: 600,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/bookings',
        setupRequest: (req) => {
          const i = n++;
          const f = 1 + (i % Math.min(size.sessions, size.freelancers));
          const start = 9 + (i % 5);
          const len = 1 + (i % 3);
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              cookie: `markaz_session=${sessionToken(f)}`,
              'x-csrf-token': csrfToken(f),
              'idempotency-key': `bench-contention-${process.pid}-${i}`,
            },
            body: JSON.stringify({
              centerId: centerId(1),
              seatId: seatId(1, 1 + (i % 4)),
              plan: 'hourly',
              date,
              from: hh(start),
              to: hh(start + len),
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
  const { size, connections, durationS } = ctx.profile;
  log(`booking: pgbench raw INSERT floor, ${connections} clients, ${durationS} s`);
  const floor = pgbenchFloor(ctx);
  log(`booking: floor ${floor.tps.toFixed(0)} inserts/s (latency ${floor.latencyMs} ms)`);
  log(`booking: HTTP POST /api/v1/bookings, ${connections} clients, ${durationS} s`);
  const { result, peakRssMb } = await httpBookingLoad(ctx.slot, ctx.server, size, {
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
    psql(ctx.pgUrl, `SELECT count(*) FROM audit_log WHERE action = 'booking.created'`).split('\n')[0],
  );
  return [
    {
      benchmark: 'booking',
      name: 'HTTP booking creation (201 per second)',
      value: createdPerS,
      unit: 'bookings/s',
      floor: { name: 'pgbench raw INSERT, same table and concurrency', value: floor.tps, unit: 'inserts/s' },
      ratio: ratio(createdPerS, floor.tps),
      target: { op: '>=', bound: 0.5, unit: '×', on: 'ratio' },
      latency: summarize(result.latenciesMs),
      note: `${connections} clients; statuses ${JSON.stringify(result.statuses)}; ${rows} booking.created audit entries in all`,
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
