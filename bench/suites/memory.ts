/**
 * 6. Server memory and cold start. PostgreSQL: start-up on the loaded national database and the
 * peak RSS under the booking load (measured in booking.ts). PGlite: start-up on an empty data
 * folder (initialising and migrating it), start-up on a loaded one, and the peak RSS under the
 * same booking load at a smaller size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPglite, createPglite } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Ctx, Figure } from '../lib/context.ts';
import { benchDays, loadDataset, prepareSql, type Targets } from '../lib/dataset.ts';
import { log, onCleanup, startMarkaz } from '../lib/env.ts';
import { summarize } from '../lib/stats.ts';
import { httpBookingLoad } from './booking.ts';

export async function coldStartPostgres(ctx: Ctx): Promise<Figure[]> {
  // The server run.ts started already migrated and loaded; start a second one to time it alone.
  const s = await startMarkaz({ databaseUrl: ctx.pgUrl });
  const idle = s.rssMb();
  await s.stop();
  log(`memory: cold start on PostgreSQL ${s.startMs} ms, idle RSS ${idle} MB`);
  return [
    {
      benchmark: 'memory',
      name: 'cold start, PostgreSQL (spawn to /readyz)',
      value: s.startMs,
      unit: 'ms',
      note: `idle RSS after start ${idle} MB; the database already migrated and loaded`,
    },
  ];
}

export async function pgliteBench(ctx: Ctx, generator: boolean): Promise<Figure[]> {
  const size = ctx.profile.pgliteSize;
  const out: Figure[] = [];
  // Empty data folder: PGlite initialises and migrates it.
  const empty = await startMarkaz({});
  const emptyRss = empty.rssMb();
  await empty.stop();
  log(`memory: cold start on an empty PGlite folder ${empty.startMs} ms (RSS ${emptyRss} MB)`);
  out.push({
    benchmark: 'memory',
    name: 'cold start, PGlite, empty data folder (init + migrations)',
    value: empty.startMs,
    unit: 'ms',
    note: `idle RSS after start ${emptyRss} MB`,
  });

  const dataDir = mkdtempSync(join(tmpdir(), 'markaz-bench-pglite-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const t0 = performance.now();
  if (generator) await loadDataset(size, { generator, dataDir, exec: async () => {} });
  const pglite = await createPglite({ dataDir: `${dataDir}/pgdata` });
  let targets: Targets;
  try {
    if (!generator) {
      const conn = connectPglite(pglite);
      await migrateToLatest(conn.db);
      await loadDataset(size, { generator, dataDir, exec: (sql) => pglite.exec(sql) });
    }
    for (const stmt of prepareSql({ sessions: 50, maxSeats: 10_000, days: benchDays() }))
      await pglite.exec(stmt);
    const seats = await pglite.query<{ center_id: string; seat_id: string }>(
      'SELECT center_id, seat_id FROM bench_seats ORDER BY i',
    );
    targets = {
      seats: seats.rows.map((r) => ({ centerId: r.center_id, seatId: r.seat_id })),
      days: benchDays(),
      sessions: 50,
    };
  } finally {
    await pglite.close();
  }
  log(
    `memory: PGlite loaded with ${size.centers} centres × ${size.seatsPerCenter} seats in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const s = await startMarkaz({ dataDir });
  try {
    const idle = s.rssMb();
    log(`memory: cold start on a loaded PGlite folder ${s.startMs} ms (RSS ${idle} MB)`);
    out.push({
      benchmark: 'memory',
      name: 'cold start, PGlite, loaded data folder',
      value: s.startMs,
      unit: 'ms',
      note: `${size.centers} centres × ${size.seatsPerCenter} seats; idle RSS after start ${idle} MB`,
    });
    const connections = Math.min(8, ctx.profile.connections);
    const { result, peakRssMb } = await httpBookingLoad({ next: 0 }, s, targets, {
      connections,
      durationS: ctx.profile.durationS,
      runId: `pglite-${process.pid}-${Date.now()}`,
    });
    const created = result.statuses['201'] ?? 0;
    log(`memory: PGlite booking load ${JSON.stringify(result.statuses)}, peak RSS ${peakRssMb} MB`);
    out.push({
      benchmark: 'memory',
      name: 'server RSS under the booking load, PGlite (peak)',
      value: peakRssMb,
      unit: 'MB',
      latency: summarize(result.latenciesMs),
      note: `${connections} clients, ${Math.round(created / result.durationS)} bookings/s; PGlite runs in the server process, so its memory counts here`,
    });
  } finally {
    await s.stop();
  }
  return out;
}
