/**
 * Notifications drain (issue 14): a national day's reminders, N notices (half email, half SMS;
 * 500,000 in all by default), queued through queueNotices and drained by the real sender
 * (deliverNotices) through a real SMTP server (smtp-server) and an HTTP SMS gateway on loopback, on
 * PostgreSQL. The peers run in a process of their own (bench/lib/notice-peers.ts) and the sender in
 * `--processes` processes side by side, as the server's job runs in every process (FOR UPDATE SKIP
 * LOCKED shares the queue). Afterwards: every notice sent, each Message-ID / client reference
 * received at least once (no loss) and kept once at the peer (resends counted).
 *
 *   npx tsx bench/notifications.ts [--count 500000] [--processes 2] [--parallel 4] [--batch 100]
 *     [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Creates a scratch database markaz_bench_notify_<pid> and drops it afterwards.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { areas } from '../src/areas.ts';
import { testConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Deps } from '../src/deps.ts';
import { silentLogger } from '../src/deps.ts';
import { deliverNotices, queueNotices } from '../src/modules/notifications/index.ts';
import { closeSmtpPools } from '../src/modules/notifications/transports.ts';
import { piiCipher } from '../src/platform/keys/index.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '500000' },
    processes: { type: 'string', default: '2' },
    parallel: { type: 'string', default: '4' },
    batch: { type: 'string', default: '100' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    // Internal: how the sender processes are started.
    role: { type: 'string' },
    ports: { type: 'string' },
    epoch: { type: 'string' },
    keys: { type: 'string' },
  },
});
const COUNT = Number(args.count);
const PROCESSES = Number(args.processes);
const PARALLEL = Number(args.parallel);
const BATCH = Number(args.batch);
const log = (s: string) => console.log(`[notifications] ${s}`);

/** The same configuration in every process: the peers' ports, one keys folder. */
function depsFor(
  db: Deps['db'],
  smtpPort: number,
  gwPort: number,
  epoch: number,
  keys: string,
  warn: (o: unknown) => void,
) {
  const config = testConfig({
    smtpUrl: `smtp://127.0.0.1:${smtpPort}?maxConnections=8`,
    sms: {
      url: `http://127.0.0.1:${gwPort}/send`,
      key: 'k',
      format: 'json',
      fields: { to: 'msisdn', text: 'msg', ref: 'client_ref', key: 'api_key', sender: 'mask' },
      keyHeader: undefined,
      sender: 'MARKAZ',
    },
    notifyPerHour: 1000,
    keysDir: keys,
    // PostgreSQL: the sender runs its parallel loops (on the embedded PGlite it runs one).
    databaseUrl: args['database-url'],
  });
  // From 10:00 in Karachi (no quiet hours), moving with real time so that retries fall due.
  const clock = { now: () => new Date(Date.parse('2026-11-28T05:00:00Z') + (Date.now() - epoch)) };
  return { areas, db, clock, config, log: { ...silentLogger, warn: warn as Deps['log']['warn'] } } as Deps;
}

const waiting = async (db: Deps['db']) =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM notices
        WHERE status IN ('pending', 'sending')`.execute(db)
    ).rows[0]!.n,
  );

/** A sender process: the real sender until nothing is left, its progress told to the parent. */
async function sender() {
  const [smtpPort, gwPort] = args.ports!.split(',').map(Number) as [number, number];
  const conn = connectPostgres(args['database-url']!, PARALLEL + 2);
  let failures = 0;
  let first: unknown = null;
  const deps = depsFor(conn.db, smtpPort, gwPort, Number(args.epoch), args.keys!, (o) => {
    failures += 1;
    first ??= o;
  });
  await conn.db.selectFrom('notices').select('id').limit(1).execute(); // connected, modules loaded
  await piiCipher(deps);
  const go = new Promise((res) => process.once('message', res));
  process.send!({ ready: true });
  await go; // every sender starts the drain at once, after its start-up
  const cpu0 = process.cpuUsage();
  try {
    for (;;) {
      const r = await deliverNotices(deps, {
        batch: BATCH,
        parallel: PARALLEL,
        limit: BATCH * PARALLEL * 10,
      });
      process.send!({ sent: r.sent });
      if (r.sent + r.failed + r.dead + r.deferred > 0) continue;
      if ((await waiting(conn.db)) === 0) break;
      await new Promise((res) => setTimeout(res, 500)); // retries waiting for their back-off
    }
  } finally {
    closeSmtpPools();
    await conn.close();
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await new Promise<void>((res) => process.send!({ failures, first, cpuMs }, () => res()));
  process.disconnect();
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const onMessage = <T>(child: ChildProcess, when: (m: T) => boolean) =>
  new Promise<T>((resolve, reject) => {
    child.on('message', (m) => when(m as T) && resolve(m as T));
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });

async function main() {
  const peers = fork(here('./lib/notice-peers.ts'), [], { execArgv: process.execArgv });
  const { smtpPort, gwPort } = await onMessage<{ smtpPort: number; gwPort: number }>(
    peers,
    (m) => 'smtpPort' in m,
  );
  const adminUrl = args['database-url']!;
  const dbName = `markaz_bench_notify_${process.pid}`;
  const admin = connectPostgres(adminUrl, 1);
  await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin.db);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const conn = connectPostgres(url.toString(), 4);
  const epoch = Date.now();
  const keys = `/tmp/markaz-bench-notify-keys-${process.pid}`;
  const deps = depsFor(conn.db, smtpPort, gwPort, epoch, keys, () => {});
  try {
    await migrateToLatest(conn.db);
    // One person per pair of notices: each gets one by email and one by SMS (the inbox copy, which
    // costs no delivery, is turned off so that only email and SMS are counted).
    const people = Math.ceil(COUNT / 2);
    let t0 = performance.now();
    // Sealed as the application seals them (decision 0038): the sender opens each address at send time.
    const pii = await piiCipher(deps);
    for (let g = 1; g <= people; g += 5000) {
      const rows = [];
      for (let i = g; i < Math.min(g + 5000, people + 1); i++) {
        const id = randomUUID();
        const email = `f${i}@bench.pk`;
        const mobile = `+923${String(i).padStart(9, '0')}`;
        const at = (column: string) => ({ table: 'users', column, id });
        rows.push({
          id,
          email: pii.seal('identity', email, at('email')),
          email_bidx: pii.blind('email', email),
          mobile: pii.seal('identity', mobile, at('mobile')),
          mobile_bidx: pii.blind('mobile', mobile),
          name: `Freelancer ${i}`,
          role: 'freelancer' as const,
          password_hash: 'x',
          locale: i % 3 === 0 ? ('ur' as const) : ('en' as const),
          created_at: new Date(),
          updated_at: new Date(),
        });
      }
      await conn.db.insertInto('users').values(rows).execute();
    }
    await sql`
      INSERT INTO notice_preferences (user_id, kind, channel, enabled, updated_at)
      SELECT id, 'application.decided', 'inbox', false, now() FROM users`.execute(conn.db);
    const ids = (await conn.db.selectFrom('users').select('id').orderBy('name').execute()).map((r) => r.id);
    log(`${people.toLocaleString()} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    t0 = performance.now();
    for (let i = 0; i < ids.length; i += 5000) {
      await conn.db.transaction().execute((trx) =>
        queueNotices(
          trx,
          deps,
          ids.slice(i, i + 5000).map((userId) => ({
            sourceKey: 'bench:decided',
            kind: 'application.decided' as const,
            userId,
            params: { reference: 'APP-2026-00042', outcome: 'shortlisted' },
            link: '/applications',
          })),
        ),
      );
    }
    const queueS = (performance.now() - t0) / 1000;
    const queued = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM notices`.execute(conn.db)).rows[0]!.n,
    );
    log(
      `${queued.toLocaleString()} notices queued in ${queueS.toFixed(1)} s (${Math.round(queued / queueS)}/s)`,
    );

    let progress = 0;
    const children = Array.from({ length: PROCESSES }, () =>
      fork(
        here('./notifications.ts'),
        [
          '--role',
          'sender',
          '--ports',
          `${smtpPort},${gwPort}`,
          '--epoch',
          String(epoch),
          '--keys',
          keys,
          '--database-url',
          url.toString(),
          '--batch',
          String(BATCH),
          '--parallel',
          String(PARALLEL),
        ],
        { execArgv: process.execArgv },
      ),
    );
    await Promise.all(children.map((c) => onMessage(c, (m: { ready?: boolean }) => m.ready === true)));
    const senders = children.map((child) => {
      child.on('message', (m: { sent?: number }) => {
        progress += m.sent ?? 0;
      });
      return onMessage<{ failures: number; first: unknown; cpuMs: number }>(child, (m) => 'failures' in m);
    });
    t0 = performance.now();
    for (const c of children) c.send('go');
    const tick = setInterval(() => log(`… ${progress.toLocaleString()} sent`), 15_000);
    const ends = await Promise.all(senders);
    clearInterval(tick);
    const drainS = (performance.now() - t0) / 1000;

    const report = onMessage<{ mails: [string, number][]; sms: [string, number][] }>(
      peers,
      (m) => 'mails' in m,
    );
    peers.send('report');
    const got = await report;
    const mails = new Map(got.mails);
    const sms = new Map(got.sms);
    const left = (
      await sql<{
        status: string;
        n: string;
      }>`SELECT status, count(*) AS n FROM notices GROUP BY status`.execute(conn.db)
    ).rows;
    const rowsOf = async (channel: string) =>
      (await sql<{ id: string }>`SELECT id FROM notices WHERE channel = ${channel}`.execute(conn.db)).rows;
    const lostEmail = (await rowsOf('email')).filter(
      (r) => !mails.has(`<${r.id}@notices.markaz.gov.pk>`),
    ).length;
    const lostSms = (await rowsOf('sms')).filter((r) => !sms.has(r.id)).length;
    const result = {
      count: queued,
      processes: PROCESSES,
      parallel: PARALLEL,
      batch: BATCH,
      queueSeconds: Number(queueS.toFixed(1)),
      drainSeconds: Number(drainS.toFixed(1)),
      noticesPerSecond: Math.round(queued / drainS),
      statuses: Object.fromEntries(left.map((r) => [r.status, Number(r.n)])),
      lost: { email: lostEmail, sms: lostSms },
      sentTwiceToPeer: {
        email: [...mails.values()].filter((n) => n > 1).length,
        sms: [...sms.values()].filter((n) => n > 1).length,
      },
      // CPU the senders spent in the drain, per notice: what the machine's load does not change much.
      senderCpuMsPerNotice: Number((ends.reduce((a, e) => a + e.cpuMs, 0) / queued).toFixed(3)),
      failedAttempts: ends.reduce((a, e) => a + e.failures, 0),
      firstFailure: ends.find((e) => e.first)?.first ?? null,
    };
    log(JSON.stringify(result));
    if (lostEmail + lostSms > 0 || result.statuses.sent !== queued) process.exitCode = 1;
  } finally {
    peers.kill();
    await conn.close();
    await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin.db);
    await admin.close();
    rmSync(keys, { recursive: true, force: true });
  }
}

if (args.role === 'sender') await sender();
else await main();
