/**
 * Issue 21: launch day. A mixed load that looks like the announcement — mostly searches, then
 * centre pages, bookings, "my bookings" and the portal — from many distinct freelancers, at rising
 * rates until the p95 passes 200 ms or errors pass 0.1 %. The knee is the highest rate held (the
 * rate reached within 5 % while both hold); the target is at least 500 requests a second on this
 * 2-core machine with the load generator on it. Loopback only; each step is bounded in time.
 *
 * The replica run (a second PostgreSQL cluster streaming from the primary) is `launch-replica.ts`.
 */
import type { Request } from 'autocannon';
import type { Ctx, Figure } from '../lib/context.ts';
import { cityPoints, csrfToken, freelancerSlotOf, hourlyBookingBody, sessionToken } from '../lib/dataset.ts';
import { BROWSER_HEADERS, load, log, psql, type Server, startMarkaz } from '../lib/env.ts';
import { type Latency, summarize } from '../lib/stats.ts';
import { searchPaths } from './search-index.ts';

const RATES = [100, 200, 300, 400, 500, 600, 750, 900, 1100, 1300, 1600];
const P95_LIMIT_MS = 200;
const ERROR_LIMIT = 0.001;
const PORTAL = ['/api/v1/public/figures', '/api/v1/public/funnel', '/api/v1/public/promises'];

/** One request of the launch mix: 60 % search, 15 % centre page, 10 % booking, 10 % my bookings, 5 % portal. */
export function launchMix(ctx: Ctx, runId: string): (req: Request) => Request {
  const t = ctx.targets;
  const points = cityPoints(ctx.pgUrl);
  const centres = psql(
    ctx.pgUrl,
    "SELECT center_id FROM centers WHERE status = 'operational' ORDER BY random() LIMIT 2000",
  ).split('\n');
  const nextSearch = searchPaths(points, 42);
  let n = 0;
  let ip = 0;
  return (req) => {
    const roll = (n++ * 0.6180339887) % 1; // an even spread of kinds, request by request
    const f = 1 + (n % t.sessions); // sessions are numbered from 1 (prepareSql)
    const who = {
      cookie: `markaz_session=${sessionToken(f)}`,
      'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`,
    };
    if (roll < 0.6)
      return { ...req, method: 'GET', path: nextSearch(), headers: { ...BROWSER_HEADERS, ...who } };
    if (roll < 0.75)
      return {
        ...req,
        method: 'GET',
        path: `/api/v1/public/centres/${centres[n % centres.length]}`,
        headers: { ...BROWSER_HEADERS, ...who },
      };
    if (roll < 0.85) {
      const k = ctx.slot.next++;
      const s = freelancerSlotOf(k, t);
      const seat = t.seats[s.seat]!;
      return {
        ...req,
        method: 'POST',
        path: '/api/v1/bookings',
        headers: {
          ...who,
          cookie: `markaz_session=${sessionToken(s.freelancer)}`,
          'content-type': 'application/json',
          'x-csrf-token': csrfToken(s.freelancer),
          'idempotency-key': `launch-${runId}-${k}`,
        },
        body: hourlyBookingBody(seat, s),
      };
    }
    if (roll < 0.95)
      return { ...req, method: 'GET', path: '/api/v1/me/bookings', headers: { ...BROWSER_HEADERS, ...who } };
    return {
      ...req,
      method: 'GET',
      path: PORTAL[n % PORTAL.length]!,
      headers: { ...BROWSER_HEADERS, ...who },
    };
  };
}

type Step = {
  rate: number;
  rps: number;
  lat: Latency;
  errorShare: number;
  held: boolean;
  statuses: Record<string, number>;
};

/** The rising-rate run against one server: every step until one is not held. */
async function rampUp(ctx: Ctx, server: Server, label: string): Promise<Step[]> {
  const seconds = Math.max(10, ctx.profile.durationS);
  const steps: Step[] = [];
  const mix = launchMix(ctx, `${label}-${Date.now().toString(36)}`);
  for (const rate of RATES) {
    const r = await load({
      url: server.baseUrl,
      // Enough connections that the rate, not the clients' waiting, sets the pace.
      connections: Math.min(256, Math.max(32, Math.ceil(rate / 8))),
      durationS: seconds,
      pid: server.pid,
      overallRate: rate,
      requests: [{ method: 'GET', path: '/', setupRequest: mix }],
    });
    const total = Object.values(r.statuses).reduce((s, x) => s + x, 0);
    const bad = Object.entries(r.statuses)
      .filter(([code]) => Number(code) >= 500 || Number(code) === 429)
      .reduce((s, [, x]) => s + x, r.errors);
    const lat = summarize(r.latenciesMs);
    const errorShare = bad / Math.max(1, total + r.errors);
    const held = lat.p95 <= P95_LIMIT_MS && errorShare <= ERROR_LIMIT && r.rps >= rate * 0.95;
    steps.push({ rate, rps: r.rps, lat, errorShare, held, statuses: r.statuses });
    log(
      `launch-day (${label}): ${rate}/s asked, ${r.rps}/s served, p95 ${lat.p95} ms, errors ${(errorShare * 100).toFixed(2)} % ${JSON.stringify(r.statuses)} → ${held ? 'held' : 'not held'}`,
    );
    if (!held) break;
  }
  return steps;
}

const describeSteps = (steps: Step[], seconds: number) =>
  `steps of ${seconds} s, until p95 > ${P95_LIMIT_MS} ms or errors > ${ERROR_LIMIT * 100} %: ${steps
    .map(
      (s) =>
        `${s.rate}/s: ${s.rps}/s served, p95 ${s.lat.p95} ms, errors ${(s.errorShare * 100).toFixed(2)} %`,
    )
    .join('; ')}`;

export async function launchDayBench(ctx: Ctx): Promise<Figure[]> {
  const seconds = Math.max(10, ctx.profile.durationS);
  // Before, in the same run: a second server on the same database with neither the free-seat
  // index (decision 0068) nor the one-call booking (decision 0085).
  const before = await startMarkaz({
    databaseUrl: ctx.pgUrl,
    env: { MARKAZ_SEARCH_INDEX: 'false', MARKAZ_BOOK_AT_ONCE: 'false' },
  });
  let old: Step[];
  try {
    old = await rampUp(ctx, before, 'before');
  } finally {
    await before.stop();
  }
  const steps = await rampUp(ctx, ctx.server, 'after');
  const knee = [...steps].reverse().find((s) => s.held);
  const oldKnee = [...old].reverse().find((s) => s.held);
  return [
    {
      benchmark: 'launch-day',
      name: 'launch-day knee (mixed load: search, centre pages, bookings, my bookings, portal)',
      value: knee?.rate ?? 0,
      unit: 'req/s',
      target: { op: '>=', bound: 500, unit: ' req/s', on: 'value' },
      ...(knee ? { latency: knee.lat } : {}),
      note: describeSteps(steps, seconds),
    },
    {
      benchmark: 'launch-day',
      name: 'launch-day knee before, the same run (MARKAZ_SEARCH_INDEX=false, MARKAZ_BOOK_AT_ONCE=false)',
      value: oldKnee?.rate ?? 0,
      unit: 'req/s',
      ...(oldKnee ? { latency: oldKnee.lat } : {}),
      note: describeSteps(old, seconds),
    },
  ];
}
