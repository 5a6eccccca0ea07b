/**
 * 2. Availability search near a point for a window: the API's latency against the same
 *    repository query run directly on a pool at the same concurrency.
 * 3. The public portal's headline endpoints: p95 (each request from its own address, as many
 *    citizens are; the server trusts X-Forwarded-For in this run).
 * 4. A centre's public page: throughput against a minimal Fastify hello-world.
 */
import http from 'node:http';
import type { Request } from 'autocannon';
import { connectPostgres } from '../../src/db/connect.ts';
import { isoWeekday, karachiAt } from '../../src/modules/bookings/booking-window.ts';
import { searchCenters } from '../../src/modules/bookings/search.repository.ts';
import { addDays, karachiDate } from '../../src/shared/time.ts';
import type { Ctx, Figure } from '../lib/context.ts';
import { cityPoints } from '../lib/dataset.ts';
import { BROWSER_HEADERS, load, log, startHelloWorld } from '../lib/env.ts';
import { ratio, summarize } from '../lib/stats.ts';

/** A weekday two or three days ahead, among the generated bookings, for the free-seat count to look through. */
function searchDay(): string {
  const day = addDays(karachiDate(new Date()), 2);
  return isoWeekday(day) === 7 ? addDays(day, 1) : day;
}

export async function searchBench(ctx: Ctx): Promise<Figure[]> {
  const { connections, durationS } = ctx.profile;
  const points = cityPoints(ctx.pgUrl);
  const date = searchDay();
  const from = '10:00';
  const to = '12:00';
  let i = 0;
  const apiRun = async (clients: number, seconds: number) => {
    log(`search: API GET /api/v1/centers/search, ${clients} clients, ${seconds} s`);
    const run = await load({
      url: ctx.server.baseUrl,
      connections: clients,
      durationS: seconds,
      pid: ctx.server.pid,
      headers: BROWSER_HEADERS,
      requests: [
        {
          method: 'GET',
          setupRequest: (req: Request) => {
            const p = points[i++ % points.length]!;
            return {
              ...req,
              path: `/api/v1/centers/search?lat=${p.lat}&lng=${p.lng}&radiusKm=25&date=${date}&from=${from}&to=${to}`,
            };
          },
        },
      ],
    });
    const lat = summarize(run.latenciesMs);
    log(
      `search: API p50 ${lat.p50} p95 ${lat.p95} p99 ${lat.p99} ms, ${run.rps} req/s ${JSON.stringify(run.statuses)}`,
    );
    return { run, lat };
  };
  // Saturated (as many clients as the other loads: latency is then mostly the queue for two cores),
  // and light (two clients, one a core: what one search costs when the machine is not full).
  const { run: api, lat: apiLat } = await apiRun(connections, durationS);
  const { run: light, lat: lightLat } = await apiRun(2, Math.max(5, Math.round(durationS / 2)));

  // The same query, directly: the repository function on its own pool, same clients, same time.
  const conn = connectPostgres(ctx.pgUrl, connections);
  const samples: number[] = [];
  let j = 0;
  const until = performance.now() + durationS * 1000;
  const window = {
    date,
    from,
    to,
    weekday: isoWeekday(date),
    start: karachiAt(date, from),
    end: karachiAt(date, to),
  };
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const p = points[j++ % points.length]!;
          const t0 = performance.now();
          await searchCenters(conn.db, {
            lat: p.lat,
            lng: p.lng,
            radiusKm: 25,
            kind: 'hot_desk',
            window,
            backupPower: false,
            womenOnlyArea: false,
            prayerArea: false,
            parking: false,
            accessible: false,
            priceColumn: 'price_hourly_minor',
            limit: 20,
          });
          samples.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    await conn.close();
  }
  const sqlLat = summarize(samples);
  log(`search: direct SQL p50 ${sqlLat.p50} p95 ${sqlLat.p95} p99 ${sqlLat.p99} ms`);
  const floor = { name: 'the same query run directly (pool, same concurrency)', unit: 'ms' };
  return [
    {
      benchmark: 'search',
      name: 'availability search p95 (API)',
      value: apiLat.p95,
      unit: 'ms',
      target: { op: '<=', bound: 50, unit: ' ms', on: 'value' },
      latency: apiLat,
      note: `${api.rps} req/s, server CPU ${api.serverCpuMsPerRequest} ms a request; ${connections} clients; radius 25 km, ${date} ${from}–${to}; statuses ${JSON.stringify(api.statuses)}`,
    },
    {
      benchmark: 'search',
      name: 'availability search p95 (API), light load: 2 clients',
      value: lightLat.p95,
      unit: 'ms',
      target: { op: '<=', bound: 50, unit: ' ms', on: 'value' },
      latency: lightLat,
      note: `${light.rps} req/s, server CPU ${light.serverCpuMsPerRequest} ms a request; p50 ${lightLat.p50} / p99 ${lightLat.p99} ms`,
    },
    {
      benchmark: 'search',
      name: 'availability search p95, API ÷ direct SQL',
      value: apiLat.p95,
      unit: 'ms',
      floor: { ...floor, value: sqlLat.p95 },
      ratio: ratio(apiLat.p95, sqlLat.p95),
      target: { op: '<=', bound: 2, unit: '×', on: 'ratio' },
      latency: sqlLat,
      note: `direct SQL p50 ${sqlLat.p50} / p95 ${sqlLat.p95} / p99 ${sqlLat.p99} ms over ${sqlLat.count} queries`,
    },
  ];
}

const PORTAL = [
  '/api/v1/public/figures',
  '/api/v1/public/funnel',
  '/api/v1/public/promises',
  '/api/v1/centers?limit=50',
];

export async function portalBench(ctx: Ctx): Promise<Figure[]> {
  const { connections } = ctx.profile;
  const durationS = Math.max(5, Math.round(ctx.profile.durationS / 2));
  const out: Figure[] = [];
  let ip = 0;
  for (const path of PORTAL) {
    const r = await load({
      url: ctx.server.baseUrl,
      connections,
      durationS,
      pid: ctx.server.pid,
      headers: BROWSER_HEADERS,
      requests: [
        {
          method: 'GET',
          path,
          setupRequest: (req: Request) => {
            ip++;
            return {
              ...req,
              headers: {
                ...req.headers,
                'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
              },
            };
          },
        },
      ],
    });
    const lat = summarize(r.latenciesMs);
    log(`portal: ${path} p95 ${lat.p95} ms, ${r.rps} req/s ${JSON.stringify(r.statuses)}`);
    out.push({
      benchmark: 'portal',
      name: `portal ${path} p95`,
      value: lat.p95,
      unit: 'ms',
      target: { op: '<=', bound: 50, unit: ' ms', on: 'value' },
      latency: lat,
      note: `${r.rps} req/s, server CPU ${r.serverCpuMsPerRequest} ms a request, ${connections} clients; statuses ${JSON.stringify(r.statuses)}`,
    });
  }
  return out;
}

/** One GET as it comes off the wire: headers (less the per-request ones) and the undecoded body. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const perRequest = new Set([
    'date',
    'connection',
    'keep-alive',
    'content-length',
    'transfer-encoding',
    'x-request-id',
  ]);
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const kept: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined && !perRequest.has(k)) kept[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ headers: kept, body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  });
}

export async function centrePageBench(ctx: Ctx): Promise<Figure[]> {
  const { connections, durationS } = ctx.profile;
  const centres = [...new Set(ctx.targets.seats.map((s) => s.centerId))];
  const hello = await startHelloWorld();
  let floor: Awaited<ReturnType<typeof load>>;
  try {
    floor = await load({
      url: `${hello.baseUrl}/hello`,
      connections,
      durationS,
      pid: hello.pid,
      headers: BROWSER_HEADERS,
    });
  } finally {
    await hello.stop();
  }
  log(`centre page: hello-world floor ${floor.rps} req/s`);
  let i = 0;
  const pages = (bounds: { durationS: number; amount?: number }) =>
    load({
      url: ctx.server.baseUrl,
      connections,
      ...bounds,
      pid: ctx.server.pid,
      headers: BROWSER_HEADERS,
      requests: [
        {
          method: 'GET',
          setupRequest: (req: Request) => ({
            ...req,
            path: `/api/v1/centers/${centres[i++ % centres.length]}`,
          }),
        },
      ],
    });
  // First visits: each centre once, every request a miss (the database, the handler, Zod, the
  // compression). Then the measured run, as a server that has been up a while answers: fresh or
  // stale-and-refreshing pages from memory (decision 0015).
  const cold = await pages({ durationS: 600, amount: centres.length });
  log(
    `centre page: first visits ${cold.rps} req/s ${JSON.stringify(cold.statuses)}; server CPU ${cold.serverCpuMsPerRequest} ms a request`,
  );
  i = 0;
  const page = await pages({ durationS });
  // The same bytes from hello-world: what answering this page's headers and body costs the
  // server and the load generator with none of Markaz's work (the response-size share of the gap).
  const captured = await rawGet(`${ctx.server.baseUrl}/api/v1/centers/${centres[0]}`, BROWSER_HEADERS);
  const sameServer = await startHelloWorld(captured);
  let same: Awaited<ReturnType<typeof load>>;
  try {
    same = await load({
      url: `${sameServer.baseUrl}/same`,
      connections,
      durationS,
      pid: sameServer.pid,
      headers: BROWSER_HEADERS,
    });
  } finally {
    await sameServer.stop();
  }
  log(`centre page: hello-world sending the same ${captured.body.length}-byte answer ${same.rps} req/s`);
  log(
    `centre page: ${page.rps} req/s ${JSON.stringify(page.statuses)}, ${page.bytesPerResponse} bytes each; server CPU ${page.serverCpuMsPerRequest} ms a request vs hello-world ${floor.serverCpuMsPerRequest} ms`,
  );
  const ok = page.statuses['200'] ?? 0;
  const okPerS = Math.round((ok / page.durationS) * 10) / 10;
  const coldOk = cold.statuses['200'] ?? 0;
  const coldPerS = Math.round((coldOk / cold.durationS) * 10) / 10;
  return [
    {
      benchmark: 'centre-page',
      name: 'public centre page, first visit of each centre (every request a miss)',
      value: coldPerS,
      unit: 'req/s',
      floor: { name: 'Fastify hello-world on this machine', value: floor.rps, unit: 'req/s' },
      ratio: ratio(coldPerS, floor.rps),
      latency: summarize(cold.latenciesMs),
      note: `server CPU ${cold.serverCpuMsPerRequest} ms a request; ${centres.length} centres once each, ${cold.bytesPerResponse} bytes a response; statuses ${JSON.stringify(cold.statuses)}`,
    },
    {
      benchmark: 'centre-page',
      name: 'public centre page GET /api/v1/centers/:id throughput',
      value: okPerS,
      unit: 'req/s',
      floor: { name: 'Fastify hello-world on this machine', value: floor.rps, unit: 'req/s' },
      ratio: ratio(okPerS, floor.rps),
      target: { op: '>=', bound: 0.4, unit: '×', on: 'ratio' },
      latency: summarize(page.latenciesMs),
      note: `server CPU ${page.serverCpuMsPerRequest} ms a request vs hello-world ${floor.serverCpuMsPerRequest} ms (ratio ${ratio(floor.serverCpuMsPerRequest ?? Number.NaN, page.serverCpuMsPerRequest ?? Number.NaN)}); ${connections} clients over ${centres.length} centres after one first visit of each (fresh or stale-while-refreshing pages, decision 0015), ${ctx.profile.size.seatsPerCenter} seats each, ${page.bytesPerResponse} bytes a response on the wire (asked as a browser asks, decision 0014); statuses ${JSON.stringify(page.statuses)}`,
    },
    {
      benchmark: 'centre-page',
      name: 'public centre page against hello-world sending the same bytes (Markaz’s share)',
      value: okPerS,
      unit: 'req/s',
      floor: {
        name: `Fastify hello-world answering the page's own headers and ${captured.body.length}-byte body`,
        value: same.rps,
        unit: 'req/s',
      },
      ratio: ratio(okPerS, same.rps),
      note: `server CPU ${page.serverCpuMsPerRequest} ms a request vs ${same.serverCpuMsPerRequest} ms for the same bytes from hello-world`,
    },
  ];
}
