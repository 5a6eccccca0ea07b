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
import { oneCallScript, statementsScript } from '../lib/booking-scripts.ts';
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
