/**
 * What sealing personal data costs (issue 22, part A; decision 0038), before and after in one run
 * on one database: the same statements against a table shaped as `users` was before (clear email,
 * mobile and CNIC with unique indexes on them) and against `users` as it is now (ciphertexts and
 * keyed blind indexes), for the three paths the issue names:
 *
 * - registration: the three "is it taken?" look-ups and the insert;
 * - sign-in: the look-up of the typed login and the row's contacts opened;
 * - booking path: the "booking confirmed" email queued (its address sealed) and the front desk's
 *   day of 50 bookings with each booker's mobile (opened);
 *
 * and, for scale, the whole registration and sign-in services at the production scrypt cost, whose
 * password hashing dwarfs both. Means of N runs, interleaved so load changes hit both sides alike.
 *
 *   npx tsx bench/personal-data.ts [--n 2000] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Creates a scratch database markaz_bench_pii_<pid> and drops it afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { areas } from '../src/areas.ts';
import { testConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { type Deps, silentLogger } from '../src/deps.ts';
import { findAccountByContact } from '../src/modules/identity/account-lookup.ts';
import { sealContacts } from '../src/modules/identity/identity.pii.ts';
import { contactsOf, registerUser, signIn } from '../src/modules/identity/index.ts';
import { systemActor } from '../src/platform/actor.ts';
import { piiCipher } from '../src/platform/keys/index.ts';
import { systemClock } from '../src/shared/time.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(args.n);
const log = (s: string) => console.log(`[personal-data] ${s}`);
const name = `markaz_bench_pii_${process.pid}`;
const admin = connectPostgres(args['database-url']!, 1);
await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
const url = new URL(args['database-url']!);
url.pathname = `/${name}`;
const conn = connectPostgres(url.toString(), 4);
const load0 = loadavg();
try {
  await migrateToLatest(conn.db);
  const config = testConfig({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-bench-keys-')) });
  const deps: Deps = { areas, db: conn.db, clock: systemClock, config, log: silentLogger };
  const pii = await piiCipher(deps);
  // `users` as it was before: clear values, unique indexes on them.
  await sql`CREATE TABLE users_clear (LIKE users INCLUDING DEFAULTS)`.execute(conn.db);
  await sql`CREATE UNIQUE INDEX ON users_clear (email)`.execute(conn.db);
  await sql`CREATE UNIQUE INDEX ON users_clear (mobile)`.execute(conn.db);
  await sql`CREATE UNIQUE INDEX ON users_clear (cnic)`.execute(conn.db);
  await sql`CREATE TABLE notices_clear (LIKE notices INCLUDING DEFAULTS)`.execute(conn.db);
  const db = conn.db;
  const person = (i: number) => ({
    email: `bench${i}@pii.pk`,
    mobile: `+92300${String(i).padStart(7, '0')}`,
    cnic: `35202-${String(i).padStart(7, '0')}-1`,
  });
  const row = (i: number, id: string) => ({
    id,
    name: `Bench ${i}`,
    role: 'freelancer' as const,
    password_hash: 'x',
    created_at: new Date(),
    updated_at: new Date(),
  });
  const q = (t: string) => sql.table(t);
  const times: Record<string, number[]> = {};
  const time = async (label: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    const list = times[label] ?? [];
    list.push(performance.now() - t0);
    times[label] = list;
  };

  log(`N = ${N}; load average before ${load0.map((l) => l.toFixed(2)).join(' ')}`);
  for (let i = 0; i < N; i++) {
    const p = person(i);
    await time('registration, before', async () => {
      for (const [col, v] of Object.entries(p))
        await sql`SELECT id FROM ${q('users_clear')} WHERE ${sql.ref(col)} = ${v}`.execute(db);
      const id = randomUUID();
      await sql`INSERT INTO users_clear (id, email, name, mobile, cnic, role, password_hash, created_at, updated_at)
        VALUES (${id}, ${p.email}, ${`Bench ${i}`}, ${p.mobile}, ${p.cnic}, 'freelancer', 'x', now(), now())`.execute(
        db,
      );
    });
    await time('registration, after', async () => {
      for (const col of ['email', 'mobile', 'cnic'] as const)
        await db.selectFrom('users').select('id').where(`${col}_bidx`, '=', pii.blind(col, p[col])).execute();
      const id = randomUUID();
      await db
        .insertInto('users')
        .values({ ...row(i, id), ...sealContacts(pii, 'users', id, p) })
        .execute();
    });
  }
  for (let i = 0; i < N; i++) {
    const p = person((i * 7919) % N);
    await time('sign-in look-up, before', () =>
      sql`SELECT * FROM users_clear WHERE email = ${p.email}`.execute(db),
    );
    await time('sign-in look-up, after', () =>
      findAccountByContact(db, pii, { kind: 'email', value: p.email }),
    );
  }
  const ids = (await db.selectFrom('users').select('id').limit(50).execute()).map((r) => r.id);
  for (let i = 0; i < N; i++) {
    const id = randomUUID();
    const notice = {
      id,
      source_key: `bench:${i}`,
      kind: 'booking.confirmed',
      channel: 'email',
      locale: 'en',
      subject: 'Your booking is confirmed',
      body_text: 'Seat 4, Tuesday 10:00–12:00',
      mandatory: false,
      status: 'pending',
      next_attempt_at: new Date(),
      created_at: new Date(),
    };
    await time('booking notice queued, before', () =>
      sql`INSERT INTO notices_clear (id, source_key, kind, channel, address, locale, subject, body_text, mandatory, status, next_attempt_at, created_at)
        VALUES (${id}, ${notice.source_key}, ${notice.kind}, 'email', ${person(i).email}, 'en', ${notice.subject}, ${notice.body_text}, false, 'pending', now(), now())`.execute(
        db,
      ),
    );
    await time('booking notice queued, after', () =>
      db
        .insertInto('notices')
        .values({
          ...notice,
          channel: 'email',
          locale: 'en',
          status: 'pending',
          user_id: null,
          body_html: null,
          link: null,
          sms_segments: null,
          last_error: null,
          transport: null,
          provider_ref: null,
          sent_at: null,
          read_at: null,
          address: pii.seal('contacts', person(i).email, { table: 'notices', column: 'address', id }),
        })
        .execute(),
    );
    if (i % 10 === 0) {
      const clearIds = (await sql<{ id: string }>`SELECT id FROM users_clear LIMIT 50`.execute(db)).rows.map(
        (r) => r.id,
      );
      await time('front desk, 50 bookers’ mobiles, before', () =>
        sql`SELECT id, name, mobile FROM users_clear WHERE id = ANY(${clearIds}::uuid[])`.execute(db),
      );
      await time('front desk, 50 bookers’ mobiles, after', () => contactsOf(deps, ids));
    }
  }
  // The whole services at the production password cost, for scale.
  const prod = { ...deps, config: { ...config, scryptCost: 1 << 17 } };
  for (let i = 0; i < 10; i++) {
    const p = {
      email: `svc${i}@pii.pk`,
      mobile: `+92301${String(i).padStart(7, '0')}`,
      cnic: `42101-${String(i).padStart(7, '0')}-1`,
    };
    await time('registerUser service (scrypt N=2^17)', () =>
      registerUser(prod, systemActor('bench'), {
        ...p,
        role: 'freelancer',
        name: `Svc ${i}`,
        password: 'a-long-enough-pass',
      }),
    );
    await time('signIn service (scrypt N=2^17)', () =>
      signIn(
        prod,
        { kind: 'anonymous' },
        { login: p.cnic, password: 'a-long-enough-pass' },
        { ip: `10.1.0.${i}`, userAgent: 'bench' },
      ),
    );
  }
  const load1 = loadavg();
  const mean = (l: number[]) => l.reduce((a, b) => a + b, 0) / l.length;
  const rows = Object.entries(times).map(([k, l]) => ({
    step: k,
    runs: l.length,
    meanMs: Number(mean(l).toFixed(3)),
  }));
  console.table(rows);
  for (const base of [
    'registration',
    'sign-in look-up',
    'booking notice queued',
    'front desk, 50 bookers’ mobiles',
  ]) {
    const b = mean(times[`${base}, before`]!);
    const a = mean(times[`${base}, after`]!);
    log(
      `${base}: before ${b.toFixed(3)} ms, after ${a.toFixed(3)} ms, +${(a - b).toFixed(3)} ms (×${(a / b).toFixed(2)})`,
    );
  }
  log(
    `load average after ${load1.map((l) => l.toFixed(2)).join(' ')} (2 cores, shared with other engineers' work)`,
  );
} finally {
  await conn.close();
  await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
  await admin.close();
}
