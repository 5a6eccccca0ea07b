/**
 * Notifications drain (issue 14): a national day's reminders, N notices (half email, half SMS by
 * default 500,000 in all), queued through queueNotices and drained by the real sender
 * (deliverNotices) through a real SMTP server (smtp-server) and an HTTP SMS gateway, both on
 * loopback in this process, on PostgreSQL. Afterwards: every notice sent, each Message-ID / client
 * reference received at least once and kept once at the peer (no loss, no duplicate seen).
 *
 *   npx tsx bench/notifications.ts [--count 500000] [--workers 4] [--batch 200]
 *     [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Creates a scratch database markaz_bench_notify_<pid> and drops it afterwards.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { areas } from '../src/areas.ts';
import { testConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Deps } from '../src/deps.ts';
import { silentLogger } from '../src/deps.ts';
import { deliverNotices, queueNotices } from '../src/modules/notifications/index.ts';
import { closeSmtpPools } from '../src/modules/notifications/transports.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '500000' },
    workers: { type: 'string', default: '4' },
    batch: { type: 'string', default: '200' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const COUNT = Number(args.count);
const WORKERS = Number(args.workers);
const BATCH = Number(args.batch);
const warnings: unknown[] = [];
const log = (s: string) => console.log(`[notifications] ${s}`);

// A light SMTP peer: it reads the Message-ID from the header block (parsing every body with
// mailparser would make the peer, not Markaz, the bottleneck; the tests use mailparser).
const mails = new Map<string, number>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  maxClients: 64,
  onData(stream, _s, cb) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 4096) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? 'missing';
      mails.set(id, (mails.get(id) ?? 0) + 1);
      cb();
    });
  },
});
await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const sms = new Map<string, number>();
const gateway = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const ref = (JSON.parse(body) as { client_ref: string }).client_ref;
    sms.set(ref, (sms.get(ref) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"status":"ok","message_id":"gw-${ref.slice(0, 8)}"}`);
  });
});
gateway.keepAliveTimeout = 60_000;
await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
const gwPort = (gateway.address() as AddressInfo).port;

const adminUrl = args['database-url']!;
const dbName = `markaz_bench_notify_${process.pid}`;
const admin = connectPostgres(adminUrl, 1);
await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin.db);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const conn = connectPostgres(url.toString(), WORKERS + 4);

try {
  await migrateToLatest(conn.db);
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
  });
  // From 10:00 in Karachi (no quiet hours), moving with real time so that retries fall due.
  const started = Date.now();
  const clock = { now: () => new Date(Date.parse('2026-11-28T05:00:00Z') + (Date.now() - started)) };
  const deps: Deps = {
    areas,
    db: conn.db,
    clock,
    config,
    log: { ...silentLogger, warn: (o) => warnings.push(o) },
  };

  // One person per pair of notices: each gets one by email and one by SMS (the inbox copy, which
  // costs no delivery, is turned off so that only email and SMS are counted).
  const people = Math.ceil(COUNT / 2);
  let t0 = performance.now();
  await sql`
    INSERT INTO users (email, name, mobile, role, password_hash, locale, created_at, updated_at)
    SELECT 'f' || g || '@bench.pk', 'Freelancer ' || g, '+923' || lpad(g::text, 9, '0'), 'freelancer', 'x',
           CASE WHEN g % 3 = 0 THEN 'ur' ELSE 'en' END, now(), now()
    FROM generate_series(1, ${people}) g`.execute(conn.db);
  await sql`
    INSERT INTO notice_preferences (user_id, kind, channel, enabled, updated_at)
    SELECT id, 'application.decided', 'inbox', false, now() FROM users`.execute(conn.db);
  const ids = (await conn.db.selectFrom('users').select('id').orderBy('email').execute()).map((r) => r.id);
  log(`${people.toLocaleString()} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  t0 = performance.now();
  const CHUNK = 5000;
  for (let i = 0; i < ids.length; i += CHUNK) {
    await conn.db.transaction().execute((trx) =>
      queueNotices(
        trx,
        deps,
        ids.slice(i, i + CHUNK).map((userId) => ({
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

  t0 = performance.now();
  let progress = 0;
  const tick = setInterval(() => log(`… ${progress.toLocaleString()} sent`), 15_000);
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const r = await deliverNotices(deps, { batch: BATCH, limit: BATCH * 10 });
        progress += r.sent;
        if (r.sent + r.failed + r.dead + r.deferred > 0) continue;
        const waiting = await sql<{ n: string }>`SELECT count(*) AS n FROM notices
          WHERE status IN ('pending', 'sending')`.execute(conn.db);
        if (Number(waiting.rows[0]!.n) === 0) return;
        await new Promise((r) => setTimeout(r, 500)); // retries waiting for their back-off
      }
    }),
  );
  clearInterval(tick);
  const drainS = (performance.now() - t0) / 1000;

  const left = (
    await sql<{
      status: string;
      n: string;
    }>`SELECT status, count(*) AS n FROM notices GROUP BY status`.execute(conn.db)
  ).rows;
  const emailRows = await sql<{ id: string }>`SELECT id FROM notices WHERE channel = 'email'`.execute(
    conn.db,
  );
  const smsRows = await sql<{ id: string }>`SELECT id FROM notices WHERE channel = 'sms'`.execute(conn.db);
  const lostEmail = emailRows.rows.filter((r) => !mails.has(`<${r.id}@notices.markaz.gov.pk>`)).length;
  const lostSms = smsRows.rows.filter((r) => !sms.has(r.id)).length;
  const resentEmail = [...mails.values()].filter((n) => n > 1).length;
  const resentSms = [...sms.values()].filter((n) => n > 1).length;
  const result = {
    count: queued,
    workers: WORKERS,
    batch: BATCH,
    queueSeconds: Number(queueS.toFixed(1)),
    drainSeconds: Number(drainS.toFixed(1)),
    noticesPerSecond: Math.round(queued / drainS),
    statuses: Object.fromEntries(left.map((r) => [r.status, Number(r.n)])),
    lost: { email: lostEmail, sms: lostSms },
    sentTwiceToPeer: { email: resentEmail, sms: resentSms },
    failedAttempts: warnings.length,
    firstFailure: warnings[0] ?? null,
  };
  log(JSON.stringify(result));
  if (lostEmail + lostSms > 0 || result.statuses.sent !== queued) process.exitCode = 1;
} finally {
  closeSmtpPools();
  await conn.close();
  await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin.db);
  await admin.close();
  smtp.close(() => {});
  gateway.close();
}
