/**
 * Issue 21: launch day with a real read replica. A second PostgreSQL cluster, started here on
 * another port from a base backup of the primary and streaming from it; a Markaz server with
 * `DATABASE_READ_URL` pointing at it. On one machine this shows correctness, not capacity:
 * - the replica's lag (pg_last_xact_replay_timestamp) while bookings are written;
 * - how the lag shows to a person: a booking just made is in "my bookings" at once (read from the
 *   primary: a person always sees their own writes), and a centre's free seats (read from the
 *   replica) show it after the lag, measured.
 * Needs replication connections from 127.0.0.1: when the primary's pg_hba.conf has no such line,
 * one (`host replication all 127.0.0.1/32 trust`) is added and the configuration reloaded, as the
 * log says. The replica and its folder are removed on the way out.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx, Figure } from '../lib/context.ts';
import { csrfToken, freelancerSlotOf, hourlyBookingBody, sessionToken } from '../lib/dataset.ts';
import { freePort, log, onCleanup, psql, startMarkaz } from '../lib/env.ts';
import { summarize } from '../lib/stats.ts';

const asPostgres = (cmd: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', stdio: 'pipe' });

function allowReplication(url: string): void {
  const hba = psql(url, 'SHOW hba_file').trim();
  const lines = readFileSync(hba, 'utf8').split('\n');
  if (lines.some((l) => /^\s*host\s+replication\s+\S+\s+127\.0\.0\.1\/32\s+trust/.test(l))) return;
  writeFileSync(hba, `${lines.join('\n').trimEnd()}\nhost replication all 127.0.0.1/32 trust\n`);
  psql(url, 'SELECT pg_reload_conf()');
  log(`launch-replica: added "host replication all 127.0.0.1/32 trust" to ${hba} and reloaded`);
}

/** A streaming replica of the primary on a free port; stopped and removed on cleanup. */
async function startReplica(primaryUrl: string): Promise<{ url: string; stop: () => void }> {
  allowReplication(primaryUrl);
  const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'markaz-replica-'));
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  const [uid, gid] = [id('-u'), id('-g')];
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const t0 = performance.now();
  asPostgres(join(bin, 'pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    '5432',
    '-U',
    'postgres',
    '-D',
    data,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  log(`launch-replica: base backup in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Debian keeps the configuration outside the data folder: the replica gets its own, minimal.
  asPostgres('sh', [
    '-c',
    `printf '%s\\n' "listen_addresses = '127.0.0.1'" "port = ${port}" "hot_standby = on" "unix_socket_directories = '${dir}'" > ${data}/postgresql.conf && printf '%s\\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' > ${data}/pg_hba.conf`,
  ]);
  asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => {
    try {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  onCleanup(stop);
  const dbName = new URL(primaryUrl).pathname.slice(1);
  return { url: `postgres://postgres@127.0.0.1:${port}/${dbName}`, stop };
}

export async function launchReplicaBench(ctx: Ctx): Promise<Figure[]> {
  const replica = await startReplica(ctx.pgUrl);
  const server = await startMarkaz({ databaseUrl: ctx.pgUrl, env: { DATABASE_READ_URL: replica.url } });
  const ownWritesSeen: boolean[] = [];
  const shownAfter: number[] = [];
  const replayLag: number[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      const k = ctx.slot.next++;
      const s = freelancerSlotOf(k, ctx.targets);
      const seat = ctx.targets.seats[s.seat]!;
      const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
      const who = { cookie: `markaz_session=${sessionToken(s.freelancer)}` };
      const res = await fetch(`${server.baseUrl}/api/v1/bookings`, {
        method: 'POST',
        headers: {
          ...who,
          'content-type': 'application/json',
          'x-csrf-token': csrfToken(s.freelancer),
          'idempotency-key': `replica-${Date.now()}-${k}`,
        },
        body: hourlyBookingBody(seat, s),
      });
      const t0 = performance.now();
      if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${await res.text()}`);
      const made = ((await res.json()) as { bookings: { id: string }[] }).bookings[0]!.id;
      // My bookings (an array) is read from the primary: a person always sees their own writes.
      const list = (await (await fetch(`${server.baseUrl}/api/v1/me/bookings`, { headers: who })).json()) as {
        id: string;
      }[];
      ownWritesSeen.push(list.some((b) => b.id === made));
      const freeUrl = `${server.baseUrl}/api/v1/centers/${seat.centerId}/free-seats?plan=hourly&date=${s.day}&from=${hh(s.hour)}&to=${hh(s.hour + 1)}`;
      for (;;) {
        const free = (await (await fetch(freeUrl)).json()) as { seatId: string }[];
        if (!free.some((x) => x.seatId === seat.seatId) || performance.now() - t0 > 10_000) break;
      }
      shownAfter.push(Math.round(performance.now() - t0));
      const lag = Number(
        psql(
          replica.url,
          'SELECT coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000, 0)',
        ),
      );
      replayLag.push(Math.round(lag));
    }
  } finally {
    await server.stop();
    replica.stop();
  }
  const shown = summarize(shownAfter);
  log(
    `launch-replica: own writes seen at once ${ownWritesSeen.filter(Boolean).length}/${ownWritesSeen.length}; a booking showed in the replica's free seats after p50 ${shown.p50} / max ${Math.max(...shownAfter)} ms; replay lag ${replayLag.join(', ')} ms`,
  );
  return [
    {
      benchmark: 'launch-replica',
      name: 'a person sees their own booking in "my bookings" at once (with a replica)',
      value: ownWritesSeen.filter(Boolean).length,
      unit: `of ${ownWritesSeen.length}`,
      target: { op: '>=', bound: ownWritesSeen.length, unit: '', on: 'value' },
    },
    {
      benchmark: 'launch-replica',
      name: "a booking shows in a centre's free seats read from the replica after",
      value: shown.p95,
      unit: 'ms (p95)',
      latency: shown,
      note: `each: ${shownAfter.join(', ')} ms; replica replay lag at those moments ${replayLag.join(', ')} ms`,
    },
  ];
}
